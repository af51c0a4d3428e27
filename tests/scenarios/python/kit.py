"""kit.py: what the Python leak scenarios share, so that each scenario
holds only its service, its leak and its legitimate state.

The kit owns:
- the mode: normally a scenario writes OUTDIR/1.jsonl, 2.jsonl, 3.jsonl and
  expect.json (tests/scenarios/README.md); with SCENARIO_SERIES=N (N >= 2)
  it writes 1.jsonl .. N.jsonl after a warm-up that includes the first
  batch (the bounded caches and rings full), each batch a series batch (the scenario's
  own, or a tenth of its batch), sized so that the leak grows by about 1%
  of the reachable heap per interval; with SCENARIO_PEERS=1 it writes
  peers.json instead, the readings of objgraph and tracemalloc at the same
  checkpoints (compare.py sets it). In that mode, importing the kit starts
  tracemalloc, so a scenario imports the kit before anything else;
- the checkpoints (Harness.checkpoint): gc.collect(), then
  memscope_dump.dump() to OUTDIR/NAME.jsonl (memscope_dump is imported
  from $MEMSCOPE_DUMPER_DIR), or objgraph.growth() and a tracemalloc
  snapshot;
- the schedule (Harness.batches): a warm-up batch of requests and the
  throw-away "warmup" dump, so that the dumper's own first-use allocations
  are not in dump 1, then checkpoint 1, a batch, checkpoint 2, a batch,
  checkpoint 3 (in a series: N - 1 series batches, each followed by its
  checkpoint);
- the report (Harness.finish): leak_percent, what the leak alone retains
  in 2.jsonl (retained_percent), and expect.json; or peers.json.

Run as /usr/bin/python3 NAME.py OUTDIR, a scenario finds the kit beside
it (Python puts the script's folder first on sys.path)."""
import gc
import json
import os
import sys
import time

PEERS_ENV = "SCENARIO_PEERS"
PEERS = os.environ.get(PEERS_ENV) == "1"
if PEERS:
    import tracemalloc
    tracemalloc.start(25)

SERIES_ENV = "SCENARIO_SERIES"
SERIES = int(os.environ.get(SERIES_ENV) or 0)
if SERIES == 1 or SERIES < 0:
    raise SystemExit("%s=%d: a series has at least 2 dumps" % (SERIES_ENV, SERIES))
CHECKPOINTS = tuple(str(k) for k in range(1, max(SERIES, 3) + 1))


def _script():
    """The scenario being run: the __main__ module's file."""
    return os.path.abspath(sys.modules["__main__"].__file__)


class Harness:
    """Checkpoints of the scenario. Normally each one is a gc.collect() and
    a memscope_dump.dump() to OUTDIR/NAME.jsonl; with SCENARIO_PEERS=1 it
    is objgraph.growth() and a tracemalloc snapshot (saved to OUTDIR and
    dropped, so that the readings do not show in the next ones)."""

    def __init__(self, out=None):
        self.out = out if out is not None else sys.argv[1]
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

    def batches(self, warm, batch, series_batch=None):
        """The scenario's schedule, for a loop that serves each batch:
        yields (checkpoint, start, n), the checkpoint that follows the
        batch and the batch's requests, start to start + n - 1. First the
        warm-up (warm requests), then two batches of batch requests (in a
        series: a warm-up of warm + batch requests, then SERIES - 1
        batches of series_batch requests, by default a tenth of batch);
        after each batch served, takes its checkpoints
        ("warmup" and "1", then "2", then "3" and on)."""
        if SERIES:  # the warm-up fills the bounded caches and rings as batch 1 does
            warm, batch = warm + batch, series_batch or max(1, batch // 10)
        yield "1", 0, warm
        self.checkpoint("warmup")
        self.checkpoint("1")
        start = warm
        for name in CHECKPOINTS[1:]:
            yield name, start, batch
            self.checkpoint(name)
            start += batch

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
        print(json.dumps({"scenario": os.path.basename(_script())[:-3], "kind": kind,
                          "leak_percent": pct, "objects": self.objects,
                          "seconds": round(time.monotonic() - self.t0, 2)}))

    def _peers(self, kind, leaked_types):
        snaps = {n: tracemalloc.Snapshot.load(os.path.join(self.out, n + ".tracemalloc"))
                 for n in CHECKPOINTS}

        def top(new, old):
            return [{"file": s.traceback[0].filename, "line": s.traceback[0].lineno,
                     "size_diff": s.size_diff, "count_diff": s.count_diff, "text": str(s)}
                    for s in snaps[new].compare_to(snaps[old], "lineno")[:3]]
        peers = {"kind": kind, "leaked_types": leaked_types, "script": _script()}
        for old, new in zip(CHECKPOINTS, CHECKPOINTS[1:]):
            peers["objgraph_%s_%s" % (old, new)] = self.growth[new]
            peers["tracemalloc_%s_%s" % (old, new)] = top(new, old)
        peers["seconds"] = round(time.monotonic() - self.t0, 2)
        with open(os.path.join(self.out, "peers.json"), "w") as f:
            json.dump(peers, f, indent=1)
        print(json.dumps({"scenario": os.path.basename(_script())[:-3], "peers": True,
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
