#!/usr/bin/env python3
"""make_series.py — writes testdata/series/heap-1.jsonl .. heap-4.jsonl: four
dumps of one small Python-shaped process for diff's growth over a series
(tests/cli/diff-series-*.t). Deterministic; run it again only to change
them.

The process, in module app:
- cache: a dict that gains two Session entries (each with a 500-byte
  bytes payload) in every interval: the leak;
- listeners: a list that gains one Handler in every interval: a second,
  smaller leak (the baseline tests know it);
- ring: a deque with maxlen 4, full from the first dump, its items
  replaced: churn, never growing;
- warm: a list filled before the first dump, then steady;
- tmp: a list of fresh scratch objects replaced in every interval.
Ids are stable for objects that live on; new objects get new ids."""
import json
import os

OUT = "testdata/series"


def dump(step):
    recs = []
    nid = [1000 * step]

    def new():
        nid[0] += 1
        return nid[0]

    def rec(i, type_, size, refs=(), names=None, **kw):
        r = {"id": i, "type": type_, "size": size, "refs": list(refs)}
        if names is not None:
            r["names"] = names
        r.update(kw)
        recs.append(r)

    cache_keys, cache_vals = [], []
    for k in range(2 * step):
        s, p = 100 + 2 * k, 101 + 2 * k  # Session k and its payload: born once, kept
        rec(s, "app.Session", 64, [p], ["payload"])
        rec(p, "bytes", 500)
        cache_keys.append("'user%d'" % k)
        cache_vals.append(s)
    listeners = []
    for k in range(step):
        h = 300 + k
        rec(h, "app.Handler", 48)
        listeners.append(h)
    ring = [new() for _ in range(4)]
    for r in ring:
        rec(r, "app.Event", 40)
    warm = list(range(400, 410))
    for w in warm:
        rec(w, "int", 28)
    tmp = [new() for _ in range(3)]
    for t in tmp:
        rec(t, "app.Scratch", 32)
    rec(10, "dict", 100 + 24 * len(cache_vals), cache_vals, cache_keys, len=len(cache_vals))
    rec(11, "list", 56 + 8 * len(listeners), listeners,
        ["[%d]" % k for k in range(len(listeners))], len=len(listeners))
    rec(12, "collections.deque", 600, ring, ["[%d]" % k for k in range(4)], len=4, bound=4)
    rec(13, "list", 136, warm, ["[%d]" % k for k in range(len(warm))], len=len(warm))
    rec(14, "list", 80, tmp, ["[%d]" % k for k in range(3)], len=3)
    rec(2, "dict", 360, [10, 11, 12, 13, 14],
        ["'cache'", "'listeners'", "'ring'", "'warm'", "'tmp'"], len=5)
    rec(1, "module", 72, [2], ["__dict__"], name="app")
    head = {"memscope": 1, "meta": {"runtime": "CPython", "pid": 4242, "seq": step},
            "roots": [1]}
    recs.sort(key=lambda r: r["id"])
    with open(os.path.join(OUT, "heap-%d.jsonl" % step), "w") as f:
        f.write(json.dumps(head) + "\n")
        for r in recs:
            f.write(json.dumps(r) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for step in range(1, 5):
        dump(step)


if __name__ == "__main__":
    main()
