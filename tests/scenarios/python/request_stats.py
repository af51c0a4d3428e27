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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import http.client
import http.server
import json
import random
import threading
import time
import urllib.parse

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


def main():
    h = kit.Harness()
    load_products()
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, name="http-server", daemon=True).start()
    pool = ConnectionPool("127.0.0.1", server.server_port, 1)
    rnd = random.Random(1)
    for _, start, n in h.batches(500, BATCH):
        serve(pool, rnd, start, n)
    h.finish("collections.defaultdict keyed by request id",
             leak={"names": ["_REQUEST_TIMINGS"], "ids": [id(_REQUEST_TIMINGS)], "types": []},
             legit=[{"names": ["PRODUCTS"], "ids": [id(PRODUCTS)], "types": []},
                    {"names": ["CACHE"], "ids": [id(CACHE.data)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_REQUEST_TIMINGS)], leaked_types=["tuple", "str", "list"])


BATCH = 600

if __name__ == "__main__":
    main()
