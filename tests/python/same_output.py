"""One deterministic heap dumped by the reference dumper (reference_dump.py,
beside this file: the plain walk, one call per object) and by
memscope_dump.py, in one process: A (reference), B (memscope_dump), A2
(reference again).
argv: A B A2 DUMPER_DIR [--trace]. Each dumper dumps once first, so
that what a first dump imports is there for all three. The heap has
instances (inline attributes on 3.11+), slots, dict subclasses, an
lru_cache, a deque, frames of a waiting thread, closures, a generator,
bytes, big ints, floats, non-ASCII str and garbage cycles."""
import collections
import functools
import gc
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, sys.argv[4])
if sys.argv[5:] == ["--trace"]:
    import tracemalloc
    tracemalloc.start(4)
import reference_dump as before  # noqa: E402  (the reference)
import memscope_dump as today  # noqa: E402


class Item:
    kind = "item"

    def __init__(self, i):
        self.name = "item-%d" % i
        self.value = i * 1.5
        self.tags = [i, str(i), (i, "t"), 10 ** 30 + i]
        self.meta = {"k%d" % (i % 7): i, 3: None, ("t", i % 3): b"x" * (i % 5)}


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, i):
        self.a = i
        self.b = "sé-%d\u2603" % i


@functools.lru_cache(maxsize=64)
def square(n):
    return [n * n]


def gen(n):
    yield n
    yield n + 1


def closure(n):
    cell = [n]

    def inner():
        return cell
    return inner


DATA = [Item(i) for i in range(3000)] + [Slotted(i) for i in range(500)]
MORE = {
    "dd": collections.defaultdict(list, {"a": [1], "b": [2]}),
    "od": collections.OrderedDict((str(i), i) for i in range(50)),
    "counter": collections.Counter("abracadabra"),
    "deque": collections.deque(range(20), maxlen=30),
    "gens": [gen(i) for i in range(10)],
    "closures": [closure(i) for i in range(10)],
    "floats": [i / 7 for i in range(100)],
    "bytes": bytearray(b"abc" * 30),
    "complex": 1 + 2j,
}
for i in range(20):
    square(i)
next(MORE["gens"][0])
release = threading.Event()


def wait(n):
    job = Item(-n)
    release.wait()
    return job


t = threading.Thread(target=wait, args=(1,))
t.start()
time.sleep(0.1)
gc.disable()
for i in range(50):
    a, b = [i], [i]
    a.append(b)
    b.append(a)
del a, b
before.dump(sys.argv[1] + ".warm")
today.dump(sys.argv[2] + ".warm")
before.dump(sys.argv[1])
today.dump(sys.argv[2])
before.dump(sys.argv[3])
release.set()
t.join()
