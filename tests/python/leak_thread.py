"""A live leak: a worker thread that only appends, still running while the
heap is dumped (atomic mode)."""
import json
import sys
import threading
import time

results = []
started = threading.Event()


def worker():
    i = 0
    while True:
        results.append(b"r" * 1500 + str(i).encode())
        i += 1
        if i == 3000:
            started.set()
        if i > 3000:
            time.sleep(0.001)


threading.Thread(target=worker, daemon=True).start()
started.wait()
sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1], atomic=True)
with open(sys.argv[2], "w") as f:
    json.dump({"container": id(results), "global": "'results'"}, f)
