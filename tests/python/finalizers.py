"""Garbage whose collection runs code: a __del__ that resurrects its
cycle and a suspended generator in a cycle. gc.collect() does not count
them; memscope predicts them as garbage and must flag their cycles."""
import gc
import json
import sys

gc.disable()
saved = []


class Phoenix:
    def __del__(self):
        saved.append(self)               # resurrects the cycle


def gen():
    holder = yield 1
    yield holder


def make():
    p, q = Phoenix(), Phoenix()
    p.q, q.p = q, p
    g = gen()
    next(g)
    box = [g]
    box.append(box)


make()
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1])
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
with open(sys.argv[2], "w") as f:
    json.dump({"garbage": sorted(id(o) for o in gc.garbage)}, f)
