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
import gc
import json
import os
import sys
import time

PEERS = os.environ.get("SCENARIO_PEERS") == "1"
if PEERS:
    import tracemalloc
    tracemalloc.start(25)

import collections  # noqa: E402
import csv  # noqa: E402
import email.message  # noqa: E402
import email.policy  # noqa: E402
import functools  # noqa: E402
import io  # noqa: E402
import logging  # noqa: E402
import logging.handlers  # noqa: E402
import random  # noqa: E402
import sqlite3  # noqa: E402


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


# --- harness: dumps, or peer readings, at the checkpoints; expect.json ---

class Harness:
    """Checkpoints of the scenario. Normally each one is a gc.collect() and
    a memscope_dump.dump() to OUTDIR/NAME.jsonl; with SCENARIO_PEERS=1 it
    is objgraph.growth() and a tracemalloc snapshot (saved to OUTDIR and
    dropped, so that the readings do not show in the next ones)."""

    def __init__(self, out):
        self.out = out
        self.t0 = time.monotonic()
        self.objects = {}
        self.growth = {}
        if PEERS:
            import objgraph
            self.objgraph = objgraph
        else:
            sys.path.insert(0, os.environ["MEMSCOPE_DUMPER_DIR"])
            import memscope_dump
            self.dumper = memscope_dump

    def checkpoint(self, name):
        gc.collect()
        if PEERS:
            self.growth[name] = [list(g) for g in self.objgraph.growth(limit=10)]
            snap = tracemalloc.take_snapshot().filter_traces((
                tracemalloc.Filter(False, tracemalloc.__file__),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>")))
            snap.dump(os.path.join(self.out, name + ".tracemalloc"))
            del snap
            gc.collect()
            return
        path = os.path.join(self.out, name + ".jsonl")
        self.objects[name] = self.dumper.dump(path)
        if name == "warmup":
            os.unlink(path)

    def finish(self, kind, leak, legit, measure_ids, leaked_types):
        """Writes expect.json (leak_percent measured on 2.jsonl: the bytes
        that only measure_ids keep reachable), or peers.json."""
        if PEERS:
            return self._peers(kind, leaked_types)
        pct = retained_percent(os.path.join(self.out, "2.jsonl"), measure_ids)
        expect = {"leak": leak, "legit": legit, "leak_percent": pct}
        with open(os.path.join(self.out, "expect.json"), "w") as f:
            json.dump(expect, f, indent=1)
        print(json.dumps({"scenario": os.path.basename(__file__)[:-3], "kind": kind,
                          "leak_percent": pct, "objects": self.objects,
                          "seconds": round(time.monotonic() - self.t0, 2)}))

    def _peers(self, kind, leaked_types):
        snaps = {n: tracemalloc.Snapshot.load(os.path.join(self.out, n + ".tracemalloc"))
                 for n in ("1", "2", "3")}

        def top(new, old):
            return [{"file": s.traceback[0].filename, "line": s.traceback[0].lineno,
                     "size_diff": s.size_diff, "count_diff": s.count_diff, "text": str(s)}
                    for s in snaps[new].compare_to(snaps[old], "lineno")[:3]]
        peers = {"kind": kind, "leaked_types": leaked_types, "script": os.path.abspath(__file__),
                 "objgraph_1_2": self.growth["2"], "objgraph_2_3": self.growth["3"],
                 "tracemalloc_1_2": top("2", "1"), "tracemalloc_2_3": top("3", "2"),
                 "seconds": round(time.monotonic() - self.t0, 2)}
        with open(os.path.join(self.out, "peers.json"), "w") as f:
            json.dump(peers, f, indent=1)
        print(json.dumps({"scenario": os.path.basename(__file__)[:-3], "peers": True,
                          "seconds": peers["seconds"]}))


def retained_percent(path, ids):
    """The share of the dump's reachable heap, in percent, that becomes
    unreachable when the objects ids are taken out: what they alone retain.
    Roots by CPython's rule: a reference count above the references the
    dump holds."""
    size, rc, refs, held = {}, {}, {}, {}
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            r = json.loads(line)
            i = r["id"]
            size[i], rc[i] = r["size"], r["rc"]
            rs = r.get("refs")
            if rs:
                refs[i] = rs
                for x in rs:
                    held[x] = held.get(x, 0) + 1
    roots = [i for i in size if rc[i] > held.get(i, 0)]

    def reachable_bytes(skip):
        seen = set(skip)
        stack = [i for i in roots if i not in seen]
        seen.update(stack)
        total = 0
        while stack:
            i = stack.pop()
            total += size[i]
            for x in refs.get(i, ()):
                if x not in seen and x in size:
                    seen.add(x)
                    stack.append(x)
        return total
    full = reachable_bytes(())
    return round(100.0 * (full - reachable_bytes(set(ids))) / full, 2)


def main():
    h = Harness(sys.argv[1])
    load()
    rnd = random.Random(1)
    serve(rnd, 0, 20)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, 20, BATCH)
    h.checkpoint("2")
    serve(rnd, 20 + BATCH, BATCH)
    h.checkpoint("3")
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
