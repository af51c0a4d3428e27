#!/usr/bin/env python3
"""make_demo.py — writes testdata/demo.jsonl, the bundled demo heap.

A small, deterministic picture of a leaking Python web service, in the
native format a CPython dumper writes (rc, gc, names, values): a module
whose `_cache` dict grows without bound, an EventEmitter whose listener
list is never pruned, a worker that appends results to a list, plus garbage
reference cycles. rc is consistent with CPython's rule: references from
dumped objects, plus one for objects the interpreter holds (the roots).

    python3 tests/tools/make_demo.py > testdata/demo.jsonl
"""
import json
import random

rnd = random.Random(7)
objs = []          # dicts in dump order
by_id = {}
next_addr = [0x7F3A5C000010]


def new(type_, size, gc=1, **extra):
    addr = next_addr[0]
    next_addr[0] += rnd.choice((48, 64, 80, 96, 112))
    o = {"id": addr, "type": type_, "size": size, "gc": gc, "refs": [], "names": []}
    o.update(extra)
    objs.append(o)
    by_id[addr] = o
    return o


def ref(src, dst, name):
    src["refs"].append(dst["id"])
    src["names"].append(name)


def s(value):
    return new("str", 49 + len(value), gc=0, value=value)


def i(value):
    return new("int", 28, gc=0, value=str(value))


external = set()   # held by the interpreter: sys.modules, frames, C globals

mod = new("module", 72, name="app")
external.add(mod["id"])
gdict = new("dict", 4696, len=12)
ref(mod, gdict, "__dict__")

# The unbounded cache: request id -> Response
cache = new("dict", 18480, len=300)
ref(gdict, cache, "'_cache'")
resp_cls = new("type", 1064, name="app.Response")
external.add(resp_cls["id"])
for k in range(300):
    r = new("app.Response", 56)
    d = new("dict", 232, len=3)
    body = new("bytes", 33 + rnd.randint(2000, 6000), gc=0)
    status = i(200)
    ref(r, d, "__dict__")
    ref(r, resp_cls, "__class__")
    ref(d, body, "'body'")
    ref(d, status, "'status'")
    hdrs = new("dict", 640, len=6)
    ref(d, hdrs, "'headers'")
    for h in range(6):
        ref(hdrs, s("header-%d-value-%d" % (h, k % 40)), "'h%d'" % h)
    ref(cache, r, "'req-%05d'" % k)

# Listeners never removed
emitter_cls = new("type", 1064, name="app.EventEmitter")
external.add(emitter_cls["id"])
emitter = new("app.EventEmitter", 56)
ed = new("dict", 232, len=1)
ref(emitter, ed, "__dict__")
ref(emitter, emitter_cls, "__class__")
ref(gdict, emitter, "'events'")
listeners = new("list", 56 + 8 * 100, len=100)
ref(ed, listeners, "'listeners'")
for k in range(100):
    fn = new("function", 152, name="on_message")
    cell = new("cell", 40)
    ctx = new("dict", 640, len=2)
    buf = new("bytearray", 57 + 1024, gc=0)
    ref(listeners, fn, "[%d]" % k)
    ref(fn, cell, "__closure__[0]")
    ref(cell, ctx, "cell_contents")
    ref(ctx, buf, "'scratch'")
    ref(ctx, s("session-%d" % k), "'user'")

# Worker results appended forever
results = new("list", 56 + 8 * 300, len=300)
ref(gdict, results, "'results'")
for k in range(300):
    t = new("tuple", 56, len=2)
    ref(t, i(k), "[0]")
    ref(t, new("float", 24, gc=0, value=str(k / 7.0)[:8]), "[1]")
    ref(results, t, "[%d]" % k)

# A few ordinary globals
for name in ("DEBUG", "VERSION", "HOST"):
    ref(gdict, s(name.lower()), "'%s'" % name)

# Garbage: cycles nothing outside references (what gc.collect() frees)
node_cls = new("type", 1064, name="app.Node")
external.add(node_cls["id"])
for k in range(40):
    a, b = new("app.Node", 56), new("app.Node", 56)
    da, db = new("dict", 232, len=1), new("dict", 232, len=1)
    ref(a, da, "__dict__"); ref(da, b, "'peer'"); ref(a, node_cls, "__class__")
    ref(b, db, "__dict__"); ref(db, a, "'peer'"); ref(b, node_cls, "__class__")
for k in range(10):
    l = new("list", 64, len=1)
    ref(l, l, "[0]")

# rc = references from dumped objects (+1 where the interpreter holds it)
indeg = {}
for o in objs:
    for t in o["refs"]:
        indeg[t] = indeg.get(t, 0) + 1
order = list(objs)
rnd.shuffle(order)
print(json.dumps({"memscope": 1, "meta": {"runtime": "CPython", "version": "3.11.2",
                                          "pid": 4242, "time": "2026-11-21T10:00:00Z",
                                          "generator": "tests/tools/make_demo.py"}}))
for o in order:
    o["rc"] = indeg.get(o["id"], 0) + (1 if o["id"] in external else 0)
    rec = {k: v for k, v in o.items() if not (k in ("refs", "names") and not v)}
    print(json.dumps(rec, separators=(", ", ": ")))
