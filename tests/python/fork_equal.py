"""A quiescent heap dumped twice: in process, then by a forked child
(dump(fork=True), wait_dump). Three threads wait on an Event, each holding
objects in its locals; the collector is off and nothing runs between the
dumps. argv: PLAIN FORK INFO DUMPER_DIR; INFO gets the ids of the
program's data (DATA) and of what each thread holds."""
import gc
import json
import sys
import threading
import time

sys.path.insert(0, sys.argv[4])
import memscope_dump  # noqa: E402


class Node:
    def __init__(self, i):
        self.name = "node-%d" % i
        self.value = i * 1.5
        self.kids = [i * 1000 + 1007, "kid-%d" % i]  # no small int: shared


DATA = {"nodes": [Node(i) for i in range(20000)], "ring": []}
DATA["ring"].append(DATA["ring"])
release = threading.Event()
started = []


def hold(n):
    mine = [Node(-n - 1), ("held", n * 1000 + 1007)]
    started.append(id(mine))
    release.wait()
    return mine


threads = [threading.Thread(target=hold, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
while len(started) < 3:
    time.sleep(0.01)
time.sleep(0.1)
gc.disable()
memscope_dump.dump(sys.argv[1] + ".warm")  # the first dump imports what dumps need
memscope_dump.dump(sys.argv[1])
n = memscope_dump.wait_dump(memscope_dump.dump(sys.argv[2], fork=True))
release.set()
for t in threads:
    t.join()
with open(sys.argv[3], "w") as f:
    json.dump({"data": id(DATA), "held": started, "objects": n}, f)
