"""A service that leaks, for tests/oracles/oracle_attach.py: a worker thread appends
to a module-level list; the main thread writes a heartbeat file each tick:
one line, a Python dict literal, with the tick count and what an injected
dump must leave as it was (sys.modules, gc settings, open files, objects
the collector freed: PATH.collect, when it exists, asks for a full
collection first). It imports neither json nor _json, and takes gc out of
sys.modules, so that the dumper must import them and then drop them again.

    python3 attach_target.py HEARTBEAT [--busy | --blocked]

--busy: the main thread never sleeps (a loop of bytecode); --blocked: after
the first tick it blocks in C forever (a lock acquired twice) while the
worker keeps ticking.
"""
import gc
import os
import signal
import sys
import threading
import time

del sys.modules["gc"]  # this module keeps its own reference


class Session:
    def __init__(self, n):
        self.n = n
        self.payload = ("session-%d " % n) * 40


LEAKED = []   # the leak: sessions appended, never removed
collected = [0]


def on_gc(phase, info):
    if phase == "stop":
        collected[0] += info["collected"]


def worker():
    n = 0
    while True:
        for _ in range(10 if n < 5000 else 1):
            n += 1
            LEAKED.append(Session(n))
        time.sleep(0.002 if n < 5000 else 0.05)


def state(tick):
    return {"tick": tick, "modules": sorted(sys.modules), "gc": [gc.isenabled(),
            list(gc.get_threshold()), gc.get_debug()], "fds": sorted(os.listdir("/proc/self/fd")),
            "collected": collected[0], "switch": sys.getswitchinterval(),
            "tracing": sys.modules.get("tracemalloc") is not None and
            sys.modules["tracemalloc"].is_tracing()}


def beat(path, tick):
    if os.path.exists(path + ".collect"):  # the test asks for a full collection
        os.unlink(path + ".collect")
        gc.collect()
    s = repr(state(tick))
    with open(path + ".tmp", "w") as f:
        f.write(s)
    os.replace(path + ".tmp", path)


def main():
    path = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else ""
    gc.callbacks.append(on_gc)
    signal.signal(signal.SIGUSR1, lambda signo, frame: None)  # a signal of its own
    threading.Thread(target=worker, daemon=True).start()
    tick = 0
    if mode == "--blocked":
        beat(path, tick)
        lock = threading.Lock()
        lock.acquire()

        def ticker():
            t = 0
            while True:
                t += 1
                beat(path, t)
                time.sleep(0.05)
        threading.Thread(target=ticker, daemon=True).start()
        lock.acquire()  # never returns
    while True:
        tick += 1
        beat(path, tick)
        if mode == "--busy":
            end = time.monotonic() + 0.05
            while time.monotonic() < end:
                pass
        else:
            time.sleep(0.05)


main()
