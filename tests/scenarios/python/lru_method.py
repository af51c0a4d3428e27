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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import functools
import gc
import json
import random
import time

import numpy as np

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


def main():
    h = kit.Harness()
    rnd = random.Random(1)
    for _, start, n in h.batches(400, BATCH):
        serve(rnd, start, n)
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
