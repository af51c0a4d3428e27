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
import functools  # noqa: E402
import http.client  # noqa: E402
import http.server  # noqa: E402
import io  # noqa: E402
import random  # noqa: E402
import threading  # noqa: E402

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
    load_reference()
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, name="http-server", daemon=True).start()
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    rnd = random.Random(1)
    serve(conn, rnd, 0, 10)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(conn, rnd, 10, BATCH)
    measure = leaked_thread_ids()
    h.checkpoint("2")
    serve(conn, rnd, 10 + BATCH, BATCH)
    h.checkpoint("3")
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
