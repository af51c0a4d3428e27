"""sites_program.py — allocates known numbers of objects at known lines and
holds them, for tests/oracles/oracle_sites.py (run under memscope_dump.py --trace;
with SITES_BEFORE=FILE it also dumps itself before allocating).
__slots__ classes, so that one call makes exactly one object; Plain, an
ordinary class, checks the dumper's CPython 3.11 workaround. Prints one JSON
line: the lines and counts to expect."""
import json
import os
import sys

if os.environ.get("SITES_BEFORE"):
    import memscope_dump  # the dumper running this program
    memscope_dump.dump(os.environ["SITES_BEFORE"])


class Slot:
    __slots__ = ("i",)

    def __init__(self, i):
        self.i = i


class Plain:
    def __init__(self, i):
        self.i = i


def make(n):
    return [Slot(i) for i in range(n)]  # MAKE_LINE


def twice():
    a = make(30)  # TWICE_A
    b = make(20)  # TWICE_B
    return a + b


HELD = []
HELD.extend(Slot(i) for i in range(70))  # DIRECT_LINE
HELD.extend(twice())
PLAIN = [Plain(i) for i in range(40)]  # PLAIN_LINE


def line(tag):
    with open(__file__) as f:
        for k, text in enumerate(f, 1):
            if text.rstrip().endswith("# " + tag):
                return k
    sys.exit("no line " + tag)


print(json.dumps({"file": __file__, "direct": [line("DIRECT_LINE"), 70],
                  "make": [line("MAKE_LINE"), 50], "twice_a": [line("TWICE_A"), 30],
                  "twice_b": [line("TWICE_B"), 20], "plain": [line("PLAIN_LINE"), 40]}))
