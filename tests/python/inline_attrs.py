"""A live leak through instance attributes. On 3.11+ the attributes of an
instance live inline, with no __dict__ until something asks for one: the
dumper must name the references by their attributes without making the
dicts and without running the program's code (a property, __getattr__,
__getattribute__). argv[2] gets what the oracle checks the dump against."""
import gc
import json
import sys

calls = []  # what ran of the classes' code during the dump


class Base:
    def __init__(self):
        self.name = "bus-%d" % len(buses)   # set by a base class's code


class Bus(Base):
    kind = "plain"                           # a class default, shadowed

    def __init__(self):
        super().__init__()
        self.listeners = []
        self.handlers = {}                   # a dict value: not __dict__
        if len(buses) % 2:
            self.kind = "odd"

    @property
    def size(self):
        calls.append("size")
        return len(self.listeners)

    def on(self, fn):
        self.listeners.append(fn)


class Watcher:
    """Lookup hooks that record each call: none may run."""

    def __init__(self, target):
        self.target = target

    def __getattr__(self, name):
        calls.append("__getattr__ " + name)
        raise AttributeError(name)

    def __getattribute__(self, name):
        calls.append("__getattribute__ " + name)
        return object.__getattribute__(self, name)


buses = []
for i in range(3):
    buses.append(Bus())
bus = buses[0]


def subscribe(i):
    state = bytearray(1500)

    def on_message(msg):
        state[0] = len(msg)
    bus.on(on_message)


for i in range(3000):
    subscribe(i)
for b in buses[1:]:
    b.on(len)
watcher = Watcher(["watched"])
target = object.__getattribute__(watcher, "target")


def dicts_of(o):
    """Dicts o references that are none of its attribute values: its
    materialized __dict__, on 3.11+ (read through gc: asking would make it)."""
    attrs = [getattr(o, n) for n in ("listeners", "handlers")]
    return sum(1 for r in gc.get_referents(o) if type(r) is dict and
               not any(r is a for a in attrs))


before = [dicts_of(b) for b in buses]
calls.clear()
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1])
ran = list(calls)
after = [dicts_of(b) for b in buses]
with open(sys.argv[2], "w") as f:
    json.dump({"container": id(bus.listeners), "global": "'bus'",
               "buses": [{"id": id(b), "listeners": id(b.listeners), "handlers": id(b.handlers),
                          "name": id(b.name), "kind": id(b.kind) if b.kind == "odd" else None}
                         for b in buses],
               "watcher": id(watcher), "target": id(target),
               "calls": ran, "dicts_before": before, "dicts_after": after}, f)
