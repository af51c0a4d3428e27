"""worker_threads.py OUTDIR: an upload service: an http.server on
127.0.0.1 (its own thread) takes CSV uploads posted with http.client over
a keep-alive connection, parses them with csv against a loaded product
reference table, and answers JSON. Legitimate state: the reference table,
a bounded parse cache (functools.lru_cache), a metrics ring (deque with
maxlen), the server thread.

The leak: each upload starts a progress-watcher thread that waits for the
job's cancel event, which nothing ever sets: the threads never end, and
each one's frame and Thread object hold its UploadJob, with the parsed
rows (__main__.UploadJob, a distinctive class).

Writes OUTDIR/1.jsonl, 2.jsonl, 3.jsonl and expect.json
(tests/scenarios/README.md); SCENARIO_PEERS=1 writes peers.json instead."""
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import csv
import functools
import gc
import http.client
import http.server
import io
import json
import random
import sys
import threading
import time

METRICS = collections.deque(maxlen=1000)
REFERENCE = {}
JOBS_DONE = collections.Counter()


@functools.lru_cache(maxsize=256)
def parse_price(text):
    units, _, cents = text.partition(".")
    return int(units) * 100 + int(cents or 0)


def load_reference(seed=5, n=16000):
    """The product table, read from a CSV export."""
    rnd = random.Random(seed)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(("sku", "name", "price", "stock"))
    for i in range(n):
        w.writerow(("SKU-%05d" % i, "product %d %s" % (i, rnd.choice(("red", "blue", "big"))),
                    "%d.%02d" % (rnd.randrange(1, 500), rnd.randrange(100)), rnd.randrange(1000)))
    buf.seek(0)
    for row in csv.DictReader(buf):
        REFERENCE[row["sku"]] = (row["name"], parse_price(row["price"]), int(row["stock"]))


class UploadJob:
    """One uploaded file: its rows, checked against the reference table."""

    def __init__(self, job_id, rows):
        self.job_id = job_id
        self.rows = rows
        self.errors = []
        self.cancel = threading.Event()
        self.watching = threading.Event()
        self.finished = threading.Event()
        self.progress = 0

    def run(self):
        for i, row in enumerate(self.rows):
            ref = REFERENCE.get(row["sku"])
            if ref is None:
                self.errors.append("line %d: unknown sku %s" % (i + 2, row["sku"]))
            else:
                row["delta"] = parse_price(row["price"]) - ref[1]
            self.progress = i + 1
        self.finished.set()
        JOBS_DONE["ok" if not self.errors else "errors"] += 1


def watch(job):
    """Reports progress until the job is cancelled."""
    job.watching.set()
    job.cancel.wait()  # leak site: cancel is never set, the thread never ends
    METRICS.append(("cancelled", job.job_id))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self):
        t = time.perf_counter()
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(body)))
        job = UploadJob(self.headers["X-Job-Id"], rows)
        threading.Thread(target=watch, args=(job,), name="watch-" + job.job_id,
                         daemon=True).start()  # leak site
        job.watching.wait()
        job.run()
        out = json.dumps({"job": job.job_id, "rows": len(rows), "errors": job.errors[:5]})
        data = out.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        METRICS.append((self.path, 200, len(rows), time.perf_counter() - t))

    def log_message(self, *args):
        pass


def upload(conn, rnd, job_no):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(("sku", "price", "qty", "comment"))
    for _ in range(ROWS):
        w.writerow(("SKU-%05d" % rnd.randrange(16400), "%d.%02d" % (rnd.randrange(1, 500),
                    rnd.randrange(100)), rnd.randrange(1, 20),
                    "restock from supplier %d" % rnd.randrange(100)))
    data = buf.getvalue().encode()
    conn.request("POST", "/upload", body=data,
                  headers={"Content-Type": "text/csv", "X-Job-Id": "job-%05d" % job_no})
    resp = conn.getresponse()
    payload = json.loads(resp.read())
    assert resp.status == 200 and payload["rows"] == ROWS


def serve(conn, rnd, first, n):
    for i in range(first, first + n):
        upload(conn, rnd, i)


def leaked_thread_ids():
    """The ids of what the watcher threads hold: their Thread objects,
    their frames and their jobs (a running frame does not show its locals
    to gc.get_referents, so a job held by one is a root of its own)."""
    frames = sys._current_frames()
    ids = []
    for t in threading.enumerate():
        if t.name.startswith("watch-"):
            ids.append(id(t))
            ids.extend(id(a) for a in t._args)
            f = frames.get(t.ident)
            while f is not None:
                ids.append(id(f))
                f = f.f_back
    return ids


def main():
    h = kit.Harness()
    load_reference()
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, name="http-server", daemon=True).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    rnd = random.Random(1)
    for checkpoint, start, n in h.batches(10, BATCH):
        serve(conn, rnd, start, n)
        if checkpoint == "2":  # what the leak holds in dump 2
            measure = leaked_thread_ids()
    h.finish("threads that never end",
             leak={"names": [], "ids": [id(threading._active)],
                   "types": ["__main__.UploadJob"]},
             legit=[{"names": ["REFERENCE"], "ids": [id(REFERENCE)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=measure, leaked_types=["UploadJob"])


BATCH = 50
ROWS = 6

if __name__ == "__main__":
    main()
