"""Dict subclasses keyed by str (defaultdict, OrderedDict, Counter, a user
subclass with a __dict__) and lru_cache wrappers, live, plus garbage cycles
through dict subclasses, dumped with gc disabled; then gc.collect() under
DEBUG_SAVEALL. argv[2] gets what the oracle checks the dump against."""
import collections
import functools
import gc
import json
import sys

gc.disable()


class Registry(dict):
    """A user dict subclass whose instances have a __dict__."""


# Keys and values are made at run time: held by their dict only, not by
# the code's constants.
requests = collections.defaultdict(list)   # request id -> its events
for i in range(500):
    requests["req-%05d" % i].append("event-%d" % i)
recent = collections.OrderedDict()
for i in range(50):
    recent["sess-%03d" % i] = [i]
recent.move_to_end("sess-000")              # list order differs from table order
del recent["sess-001"]                      # a hole in the table
words = collections.Counter("word%d" % (i % 40) for i in range(400))
services = Registry()
services.owner = ["ops"]
for i in range(30):
    services["svc-%02d" % i] = {"port": 8000 + i}   # dict values: not __dict__


@functools.lru_cache(maxsize=None)
def resolve(name):
    return ["resolved", name]


@functools.lru_cache(maxsize=8)
def square(x):
    return {"square": x * x}                # dict results, held by the links too


for i in range(5):
    resolve("host-%d" % i)
for i in range(6):
    square(i)


def cache_of(wrapper, args):
    """The wrapper's cache dict: a C field, reached only through gc."""
    return [r for r in gc.get_referents(wrapper) if type(r) is dict and
            r is not wrapper.__dict__ and set(r) == set(args)][0]


def garbage(n):
    """Cycles through dict subclasses, with str keys only they hold (made
    from n at run time: a constant would be held by the code)."""
    d = collections.defaultdict(list)
    d["self-%d" % n].append(d)
    o = collections.OrderedDict()
    o["self-%d" % (n + 1)] = o
    r = Registry()
    r["self-%d" % (n + 2)] = r
    r.note = "note-%d" % n
    c = collections.Counter()
    c["count-%d" % n] = 1
    c["registry-%d" % n] = r                # not a number: Counter allows it
    r["counter-%d" % n] = c
    return [id(k) for x in (d, o, r, c) for k in x] + [id(r.note)]


dead_keys = garbage(1)


def facts(d):
    return {"id": id(d), "keys": [id(k) for k in d], "names": [repr(k) for k in d],
            "values": [id(v) for v in d.values()]}


info = {
    "dicts": {"defaultdict": facts(requests), "OrderedDict": facts(recent),
              "Counter": facts(words), "Registry": facts(services)},
    "default_factory": id(requests.default_factory),
    "registry_dict": id(services.__dict__),
    # What the defaultdict alone holds: itself, its keys, its lists and
    # their strs.
    "requests_size": sys.getsizeof(requests) + sum(
        sys.getsizeof(k) + sys.getsizeof(v) + sum(sys.getsizeof(e) for e in v)
        for k, v in requests.items()),
    "lru": [{"id": id(w), "cache": id(cache_of(w, args)), "dict": id(w.__dict__)}
            for w, args in ((resolve, ["host-%d" % i for i in range(5)]),
                            (square, list(range(6))))],
    "dead_keys": dead_keys,
}
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1])
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
info["garbage"] = sorted(id(o) for o in gc.garbage)
with open(sys.argv[2], "w") as f:
    json.dump(info, f)
