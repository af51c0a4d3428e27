"""Threads blocked in Event.wait, each holding a HeldByThread in its local
variable job (and a closure cell, and a call below it): dumped while they
wait, with gc disabled and a garbage cycle left; then gc.collect() under
DEBUG_SAVEALL says what was garbage, and the threads are released.
argv[4] "fork": the dump is written by a forked child (dump(fork=True))."""
import gc
import json
import sys
import threading


class HeldByThread:
    def __init__(self, n):
        self.payload = [n] * 100


release = threading.Event()
ready = []


def wait_for(event, n):
    job = HeldByThread(n)
    shared = [n]

    def peek():
        return shared

    ready[n].set()
    event.wait()
    return job, peek


def serve(n):
    later = None  # unbound below until the wait ends
    wait_for(release, n)
    done = later = True
    return done, later


gc.disable()
cycle = [HeldByThread(-1)]
cycle.append(cycle)
del cycle
ready.extend(threading.Event() for _ in range(5))
threads = [threading.Thread(target=serve, args=(n,), name="server-%d" % n) for n in range(5)]
for t in threads:
    t.start()
for e in ready:
    e.wait()
held = [o for o in gc.get_objects() if type(o) is HeldByThread and o.payload[0] >= 0]
ids = sorted(id(o) for o in held)
del held
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
if sys.argv[4:] == ["fork"]:  # the dump written by a forked child
    memscope_dump.wait_dump(memscope_dump.dump(sys.argv[1], fork=True))
else:
    memscope_dump.dump(sys.argv[1], atomic=True)
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
garbage = sorted(id(o) for o in gc.garbage)
release.set()
for t in threads:
    t.join()
with open(sys.argv[2], "w") as f:
    json.dump({"held": ids, "garbage": garbage}, f)
