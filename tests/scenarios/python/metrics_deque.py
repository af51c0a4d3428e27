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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import functools
import json
import random
import sqlite3
import time

import networkx as nx

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


def main():
    h = kit.Harness()
    DB.execute("CREATE TABLE trips (id TEXT, src TEXT, dst TEXT, minutes REAL)")
    rnd = random.Random(1)
    for _, start, n in h.batches(400, BATCH, SERIES_BATCH):
        serve(rnd, start, n)
    h.finish("deque without maxlen",
             leak={"names": ["_LATENCY_SAMPLES"], "ids": [id(_LATENCY_SAMPLES)], "types": []},
             legit=[{"names": ["GRAPH"], "ids": [id(GRAPH)], "types": []},
                    {"names": ["route"], "ids": [id(route)], "types": []},
                    {"names": ["RECENT"], "ids": [id(RECENT)], "types": []}],
             measure_ids=[id(_LATENCY_SAMPLES)], leaked_types=["tuple"])


SERIES_BATCH = 720  # with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
BATCH = 3300

if __name__ == "__main__":
    main()
