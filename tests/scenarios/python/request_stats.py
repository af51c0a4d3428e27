"""request_stats.py OUTDIR: a small JSON API on http.server (127.0.0.1,
its own thread), called through a pool of keep-alive http.client
connections; the handler parses query strings with urllib.parse and
reads a product table. Legitimate state: the product table, the
connection pool, a bounded response cache (an OrderedDict LRU, full), a
metrics ring (deque with maxlen), urllib's and re's caches.

The leak: per-request timing breakdowns go into _REQUEST_TIMINGS, a
collections.defaultdict(list) keyed by the X-Request-Id header, which was
meant to be popped when the access log line is written but never is. It
holds only ordinary types (str keys, lists of tuples of str and float):
the container's name is the only handle.

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
import http.client  # noqa: E402
import http.server  # noqa: E402
import random  # noqa: E402
import threading  # noqa: E402
import urllib.parse  # noqa: E402

PRODUCTS = {}
METRICS = collections.deque(maxlen=1000)
_REQUEST_TIMINGS = collections.defaultdict(list)


class ResponseCache:
    """Rendered responses by path and query, least recently used evicted."""

    def __init__(self, size):
        self.size = size
        self.data = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            v = self.data.get(key)
            if v is not None:
                self.data.move_to_end(key)
            return v

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            if len(self.data) > self.size:
                self.data.popitem(last=False)


CACHE = ResponseCache(400)


def load_products(seed=2, n=12000):
    rnd = random.Random(seed)
    for i in range(n):
        PRODUCTS["p%05d" % i] = {"id": "p%05d" % i, "name": "product %d" % i,
                                 "price": rnd.randrange(100, 100000),
                                 "tags": [rnd.choice(("new", "sale", "eco", "top"))
                                          for _ in range(2)]}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        t0 = time.perf_counter()
        rid = self.headers["X-Request-Id"]
        timings = _REQUEST_TIMINGS[rid]  # leak site: keyed by request id, never popped
        timings.append(("headers", self.path, time.perf_counter() - t0))  # leaked data
        parts = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(parts.query)
        key = (parts.path, parts.query)
        body = CACHE.get(key)
        if body is None:
            ids = q.get("id", [])
            items = [PRODUCTS[i] for i in ids if i in PRODUCTS]
            body = json.dumps({"items": items, "count": len(items)}).encode()
            CACHE.put(key, body)
        timings.append(("render", "%d items" % body.count(b'"id"'),  # leaked data
                        time.perf_counter() - t0))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        timings.append(("sent", self.client_address[0], time.perf_counter() - t0))  # leaked data
        METRICS.append((parts.path, 200, len(body), time.perf_counter() - t0))

    def log_message(self, *args):
        pass


class ConnectionPool:
    """Keep-alive connections to one host, handed out and returned."""

    def __init__(self, host, port, size):
        self.free = [http.client.HTTPConnection(host, port, timeout=10) for _ in range(size)]

    def request(self, path, headers):
        conn = self.free.pop()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            self.free.append(conn)


def serve(pool, rnd, first, n):
    for i in range(first, first + n):
        ids = "&".join("id=p%05d" % rnd.randrange(12000) for _ in range(rnd.randint(1, 4)))
        status, body = pool.request("/api/products?" + ids,
                                    {"X-Request-Id": "req-%08d-%04x" % (i, rnd.randrange(65536)),
                                     "Accept": "application/json"})
        assert status == 200


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
    load_products()
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, name="http-server", daemon=True).start()
    pool = ConnectionPool("127.0.0.1", server.server_port, 1)
    rnd = random.Random(1)
    serve(pool, rnd, 0, 500)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(pool, rnd, 500, BATCH)
    h.checkpoint("2")
    serve(pool, rnd, 500 + BATCH, BATCH)
    h.checkpoint("3")
    h.finish("collections.defaultdict keyed by request id",
             leak={"names": ["_REQUEST_TIMINGS"], "ids": [id(_REQUEST_TIMINGS)], "types": []},
             legit=[{"names": ["PRODUCTS"], "ids": [id(PRODUCTS)], "types": []},
                    {"names": ["CACHE"], "ids": [id(CACHE.data)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_REQUEST_TIMINGS)], leaked_types=["tuple", "str", "list"])


BATCH = 600

if __name__ == "__main__":
    main()
