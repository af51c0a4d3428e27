"""Garbage cycles of many shapes, dumped with gc disabled; then gc.collect()
under DEBUG_SAVEALL says what CPython itself finds: argv[2] gets the ids.
argv[4] "fork": the dump is written by a forked child (dump(fork=True))."""
import ctypes
import gc
import json
import sys

gc.disable()


class Pair:
    def __init__(self):
        self.other = None


class Finalized:
    """__del__ that does not resurrect: collected like the rest."""
    def __del__(self):
        pass


def make():
    lst = []
    lst.append(lst)                       # self-referencing list
    a, b = Pair(), Pair()                 # instance pair
    a.other, b.other = b, a
    a.payload = ("a tuple", 12345678901, 2.5)   # constants: the code object keeps them
    a.label = "pair-%d" % len(lst)       # untracked, held only by the garbage
    a.big = int("98765432109876543210")
    a.c_held = "held-by-C-%d" % len(lst)  # untracked, held also from C: alive
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(a.c_held))

    def outer():
        def inner():
            return inner                  # closure cycle through a cell
        return inner
    outer()
    d = {"self": None}
    d["self"] = d                         # dict cycle
    d2, d3 = {}, {}
    d2["x"], d3["y"] = d3, d2
    ring = [[] for _ in range(1000)]      # ring of 1000 lists
    for i, r in enumerate(ring):
        r.append(ring[(i + 1) % 1000])
    big = [bytearray(1 << 20), b"x" * 300000]   # cycle holding large buffers
    big.append(big)
    f1, f2 = Finalized(), Finalized()
    f1.peer, f2.peer = f2, f1
    s = Pair()
    s.other = s                           # instance referencing itself
    return {"freed": [id(a.label), id(a.big)],
            "kept": [id(a.payload), id(a.payload[0]), id(a.payload[1]), id(a.c_held)]}


untracked = make()
LIVE = {"live-key-%d" % 1: None}         # a str key: held by a live dict
untracked["kept"].append(id(next(iter(LIVE))))
untracked["dict_key"] = [id(LIVE), id(next(iter(LIVE)))]
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
if sys.argv[4:] == ["fork"]:  # the dump written by a forked child
    memscope_dump.wait_dump(memscope_dump.dump(sys.argv[1], fork=True))
else:
    memscope_dump.dump(sys.argv[1])
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
with open(sys.argv[2], "w") as f:
    json.dump({"garbage": sorted(id(o) for o in gc.garbage), "untracked": untracked}, f)
