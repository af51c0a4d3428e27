"""log_handlers.py OUTDIR: a report service: each request runs SQL over
an in-memory sqlite3 database of sales, writes the result as CSV and logs
its progress through logging, and mails the CSV (an email.message built,
not sent) to the customer. Legitimate state: the database connection
(a pool of two), the customer table loaded in a dict, a bounded
query-plan cache (functools.lru_cache), the root logger's ring handler
(a deque with maxlen), logging's own registry.

The leak: to attach the job's log to its report, each request adds a
logging.handlers.MemoryHandler (no target) to the "reports.job" logger
and never removes it. Every later record then lands in every handler
added before, and with no target their buffers are never flushed.
The leaked handlers are of a type only the leak has
(logging.handlers.MemoryHandler); the records they buffer are ordinary
LogRecords, which the ring handler holds too.

Writes OUTDIR/1.jsonl, 2.jsonl, 3.jsonl and expect.json
(tests/scenarios/README.md); SCENARIO_PEERS=1 writes peers.json instead."""
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import csv
import email.message
import email.policy
import functools
import io
import logging
import logging.handlers
import random
import sqlite3


class RingHandler(logging.Handler):
    """The last records, for the /status page."""

    def __init__(self, size):
        super().__init__()
        self.records = collections.deque(maxlen=size)

    def emit(self, record):
        self.records.append(record)


RING = RingHandler(300)
logging.getLogger().addHandler(RING)
logging.getLogger().setLevel(logging.INFO)
LOG = logging.getLogger("reports.job")
REGIONS = ("north", "south", "east", "west", "center")
PRODUCTS = ["product-%03d" % i for i in range(300)]


class Pool:
    """sqlite3 connections to one shared in-memory database."""

    def __init__(self, size):
        uri = "file:sales?mode=memory&cache=shared"
        self.free = [sqlite3.connect(uri, uri=True) for _ in range(size)]

    def get(self):
        return self.free.pop()

    def put(self, conn):
        self.free.append(conn)


POOL = Pool(2)
CUSTOMERS = {}
CUSTOMER_COUNT = 18000


def load(seed=9, n=40000):
    rnd = random.Random(seed)
    conn = POOL.get()
    conn.execute("CREATE TABLE sales (day INTEGER, region TEXT, product TEXT, qty INTEGER,"
                 " cents INTEGER)")
    conn.executemany("INSERT INTO sales VALUES (?, ?, ?, ?, ?)",
                     ((rnd.randrange(365), rnd.choice(REGIONS), rnd.choice(PRODUCTS),
                       rnd.randint(1, 9), rnd.randrange(100, 50000)) for _ in range(n)))
    conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, email TEXT,"
                 " region TEXT)")
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?, ?)",
                     ((i, "customer %d" % i, "c%d@example.com" % i, rnd.choice(REGIONS))
                      for i in range(CUSTOMER_COUNT)))
    conn.commit()
    CUSTOMERS.update((row[0], row[1:]) for row in conn.execute("SELECT * FROM customer"))
    POOL.put(conn)


@functools.lru_cache(maxsize=32)
def query_for(group, region_filter):
    where = " WHERE region = ?" if region_filter else ""
    return ("SELECT %s, SUM(qty), SUM(cents) FROM sales%s GROUP BY %s ORDER BY 3 DESC LIMIT 25"
            % (group, where, group))


def handle(job_id, group, region):
    capture = logging.handlers.MemoryHandler(capacity=1000, flushLevel=logging.CRITICAL)
    LOG.addHandler(capture)  # leak site: added per request, never removed
    LOG.info("job %s: report by %s for %s", job_id, group, region or "all regions")
    conn = POOL.get()
    try:
        sql = query_for(group, bool(region))
        rows = conn.execute(sql, (region,) if region else ()).fetchall()
    finally:
        POOL.put(conn)
    LOG.info("job %s: %d rows: %r", job_id, len(rows), rows)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow((group, "qty", "amount"))
    for key, qty, cents in rows:
        w.writerow((key, qty, "%d.%02d" % divmod(cents, 100)))
    LOG.info("job %s: %d bytes of CSV:\n%s", job_id, buf.tell(), buf.getvalue())
    owner = CUSTOMERS[int(job_id[4:]) % CUSTOMER_COUNT]
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["To"] = owner[1]
    msg["Subject"] = "Report %s" % job_id
    msg.set_content("\n".join(r.getMessage() for r in capture.buffer[-3:]))
    msg.add_attachment(buf.getvalue().encode(), maintype="text", subtype="csv",
                       filename=job_id + ".csv")
    return msg.as_bytes()


def serve(rnd, first, n):
    for i in range(first, first + n):
        handle("job-%05d" % i, rnd.choice(("region", "product", "day")),
               rnd.choice(REGIONS + (None,)))


def main():
    h = kit.Harness()
    load()
    rnd = random.Random(1)
    for _, start, n in h.batches(20, BATCH):
        serve(rnd, start, n)
    h.finish("logging handlers added per request, never removed",
             leak={"names": ["reports.job"], "ids": [id(LOG.handlers)],
                   "types": ["logging.handlers.MemoryHandler"]},
             legit=[{"names": ["RING"], "ids": [id(RING.records)], "types": []},
                    {"names": ["CUSTOMERS"], "ids": [id(CUSTOMERS)], "types": []},
                    {"names": ["POOL"], "ids": [id(POOL.free)], "types": []}],
             measure_ids=[id(LOG.handlers)], leaked_types=["MemoryHandler"])


BATCH = 350

if __name__ == "__main__":
    main()
