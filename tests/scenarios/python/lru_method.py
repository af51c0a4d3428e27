"""lru_method.py OUTDIR: a risk service: a numpy factor model (loaded at
start, legitimately big) prices the value at risk of client portfolios
posted as JSON. Legitimate state: the model's matrices, a bounded
scenario cache (functools.lru_cache with maxsize, full), a metrics ring
(deque with maxlen), numpy's own state.

The leak: Portfolio.value_at_risk is decorated with
functools.lru_cache(maxsize=None). The cache lives on the class's
function, keyed by (self, horizon): every Portfolio built for a request,
with its weight vector and positions, stays in the cache forever
(__main__.Portfolio, a distinctive class).

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

import numpy as np  # noqa: E402

ASSETS = 600
FACTORS = 40
METRICS = collections.deque(maxlen=1000)


class FactorModel:
    """Exposures, factor covariance and specific risk of ASSETS assets."""

    def __init__(self, seed=4):
        rng = np.random.default_rng(seed)
        self.tickers = ["T%04d" % i for i in range(ASSETS)]
        self.index = {t: i for i, t in enumerate(self.tickers)}
        self.exposures = rng.normal(size=(ASSETS, FACTORS))
        f = rng.normal(size=(FACTORS, FACTORS)) / 10
        self.factor_cov = f @ f.T + np.eye(FACTORS) * 0.01
        self.specific = rng.uniform(0.01, 0.05, size=ASSETS)
        self.asset_cov = (self.exposures @ self.factor_cov @ self.exposures.T
                          + np.diag(self.specific ** 2))
        self.history = rng.normal(0, 0.01, size=(500, ASSETS))


MODEL = FactorModel()


@functools.lru_cache(maxsize=128)
def stress_scenario(name):
    """A factor shock, by name: bounded, and full after warm-up."""
    rng = np.random.default_rng(sum(map(ord, name)))
    return rng.normal(0, 0.05, size=FACTORS)


class Portfolio:
    """A client's positions, as posted."""

    def __init__(self, client, positions):
        self.client = client
        self.positions = positions
        self.weights = np.zeros(ASSETS)  # leaked data
        total = sum(abs(q) for q in positions.values())
        for ticker, qty in positions.items():
            self.weights[MODEL.index[ticker]] = qty / total
        self.labels = ["%s:%s" % (client, t) for t in positions]

    @functools.lru_cache(maxsize=None)  # leak site: holds every Portfolio (self) forever
    def value_at_risk(self, horizon):
        var = float(self.weights @ MODEL.asset_cov @ self.weights)
        return 2.33 * (var * horizon) ** 0.5


def handle(raw):
    t = time.perf_counter()
    doc = json.loads(raw)
    p = Portfolio(doc["client"], doc["positions"])
    out = {"client": p.client, "var": [p.value_at_risk(h) for h in (1, 10)],
           "stress": [float(p.weights @ MODEL.exposures @ stress_scenario(s))
                      for s in doc["stress"]]}
    METRICS.append(("POST /var", len(doc["positions"]), time.perf_counter() - t))
    return json.dumps(out)


def serve(rnd, first, n):
    for i in range(first, first + n):
        positions = {MODEL.tickers[rnd.randrange(ASSETS)]: rnd.randint(-500, 1000)
                     for _ in range(POSITIONS)}
        positions = {k: v or 1 for k, v in positions.items()}
        stress = ["scenario-%d" % rnd.randrange(300) for _ in range(3)]
        handle(json.dumps({"client": "client-%05d" % i, "positions": positions,
                           "stress": stress}))


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
    rnd = random.Random(1)
    serve(rnd, 0, 400)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, 400, BATCH)
    h.checkpoint("2")
    serve(rnd, 400 + BATCH, BATCH)
    h.checkpoint("3")
    wrapper = Portfolio.__dict__["value_at_risk"]
    cache = [r for r in gc.get_referents(wrapper) if type(r) is dict]
    h.finish("functools.lru_cache on a method (maxsize=None)",
             leak={"names": ["value_at_risk"], "ids": [id(wrapper)] + [id(c) for c in cache],
                   "types": ["__main__.Portfolio"]},
             legit=[{"names": ["MODEL"], "ids": [id(MODEL)], "types": ["numpy.ndarray"]},
                    {"names": ["stress_scenario"], "ids": [id(stress_scenario)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(wrapper)], leaked_types=["Portfolio"])


BATCH = 300
POSITIONS = 30

if __name__ == "__main__":
    main()
