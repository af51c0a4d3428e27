"""diff_leak.py OUTDIR — dumps this process three times around a leak, for
tests/oracles/oracle_diff.py: between BEFORE and AFTER, 40 Leaked objects go into a
module-level list and stay there, 30 Released objects go into another list
that is cleared before FINAL, and 500 Temp objects live and die inside a
function. Prints one JSON line of the counts to expect.

A warm-up comes first: one object of each class, kept, and a dump thrown
away, so that what the interpreter creates once per class or per process
(type caches, the dumper's own state) exists before BEFORE: the leaks are
then exactly the program's."""
import gc
import json
import os
import sys

sys.path.insert(0, os.environ["MEMSCOPE_DUMPER_DIR"])
import memscope_dump  # noqa: E402


class Leaked:
    def __init__(self, i):
        self.i = i
        self.payload = bytearray(256)


class Released:
    def __init__(self, i):
        self.i = i


class Temp:
    pass


LEAKS = []
RELEASED = []


def work(round_):
    temps = [Temp() for _ in range(500)]
    for i in range(20):
        LEAKS.append(Leaked(round_ * 20 + i))
    return len(temps)


out = sys.argv[1]
WARM = [Leaked(-1), Released(-1), Temp()]
memscope_dump.dump(os.path.join(out, "warmup.jsonl"))
os.unlink(os.path.join(out, "warmup.jsonl"))
gc.collect()
memscope_dump.dump(os.path.join(out, "before.jsonl"))
work(0)
work(1)
RELEASED.extend(Released(i) for i in range(30))
gc.collect()
memscope_dump.dump(os.path.join(out, "after.jsonl"))
del RELEASED[:]
gc.collect()
memscope_dump.dump(os.path.join(out, "final.jsonl"))
print(json.dumps({"leaked": 40, "released": 30}))
