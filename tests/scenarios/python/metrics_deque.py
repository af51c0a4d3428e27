"""metrics_deque.py OUTDIR: a routing service: a road network loaded in a
networkx graph (legitimately big) answers shortest-path queries; trips
are logged to an in-memory sqlite3 database and answered as JSON.
Legitimate state: the graph, a bounded route cache (functools.lru_cache,
full), the recent-trips ring (a deque with maxlen), the sqlite3
connection.

The leak: latency samples for a percentile report go into
_LATENCY_SAMPLES, a collections.deque created without maxlen, that
nothing drains. It holds only ordinary types (tuples of str, float and a
tuple of node names): the container's name is the only handle.

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
import functools  # noqa: E402
import random  # noqa: E402
import sqlite3  # noqa: E402

import networkx as nx  # noqa: E402

RECENT = collections.deque(maxlen=500)
_LATENCY_SAMPLES = collections.deque()
DB = sqlite3.connect(":memory:")


def load_graph(seed=6, side=45):
    """A city grid with a few highways, weighted by travel time."""
    rnd = random.Random(seed)
    g = nx.grid_2d_graph(side, side)
    g = nx.relabel_nodes(g, {n: "x%02dy%02d" % n for n in g})
    for u, v, d in g.edges(data=True):
        d["minutes"] = rnd.uniform(0.5, 3.0)
        d["road"] = "street %d" % rnd.randrange(400)
    nodes = sorted(g)
    for _ in range(side * 2):
        u, v = rnd.sample(nodes, 2)
        g.add_edge(u, v, minutes=rnd.uniform(2, 10), road="highway")
    for n in g:
        g.nodes[n]["zone"] = "zone-%d" % (int(n[1:3]) // 5)
    return g


GRAPH = load_graph()
NODES = sorted(GRAPH)


@functools.lru_cache(maxsize=300)
def route(src, dst):
    return tuple(nx.bidirectional_dijkstra(GRAPH, src, dst, weight="minutes")[1])


def handle(trip_id, src, dst):
    t = time.perf_counter()
    path = route(src, dst)
    minutes = sum(GRAPH[u][v]["minutes"] for u, v in zip(path, path[1:]))
    DB.execute("INSERT INTO trips VALUES (?, ?, ?, ?)", (trip_id, src, dst, minutes))
    body = json.dumps({"trip": trip_id, "path": path, "minutes": round(minutes, 1),
                       "zones": sorted({GRAPH.nodes[n]["zone"] for n in path})})
    elapsed = time.perf_counter() - t
    RECENT.append((trip_id, elapsed))
    _LATENCY_SAMPLES.append(("GET /route", trip_id, elapsed, path))  # leak site: no maxlen
    return body


def serve(rnd, first, n):
    for i in range(first, first + n):
        src = NODES[rnd.randrange(30) * 7]
        dst = NODES[-1 - rnd.randrange(12) * 5]
        handle("trip-%06d" % i, src, dst)
    DB.commit()


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
    DB.execute("CREATE TABLE trips (id TEXT, src TEXT, dst TEXT, minutes REAL)")
    rnd = random.Random(1)
    serve(rnd, 0, 400)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, 400, BATCH)
    h.checkpoint("2")
    serve(rnd, 400 + BATCH, BATCH)
    h.checkpoint("3")
    h.finish("deque without maxlen",
             leak={"names": ["_LATENCY_SAMPLES"], "ids": [id(_LATENCY_SAMPLES)], "types": []},
             legit=[{"names": ["GRAPH"], "ids": [id(GRAPH)], "types": []},
                    {"names": ["route"], "ids": [id(route)], "types": []},
                    {"names": ["RECENT"], "ids": [id(RECENT)], "types": []}],
             measure_ids=[id(_LATENCY_SAMPLES)], leaked_types=["tuple"])


BATCH = 3300

if __name__ == "__main__":
    main()
