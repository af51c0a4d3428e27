#!/usr/bin/env python3
"""bench_attach.py — how long memscope_dump.py --pid pauses a running
process with about a million objects (make bench).

Starts Debian's python3 on a program that builds ~1M objects (200k
instances with a str, a float and a list each) and runs a ticker thread that
sleeps 1 ms at a time and logs every gap longer than 20 ms. Then attaches by
pid, once by default and once with --atomic, and prints for each: the time
the caller took, the dump's time inside the process (its main thread is
busy for that long), and the longest gap the ticker saw, which is what
another thread of the process experiences: under gdb the whole process is
stopped; with --atomic other threads are also held off for the whole dump.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
DUMPER = os.path.join(os.path.dirname(HERE), "src", "python", "memscope_dump.py")
PROGRAM = r'''
import sys, threading, time
class Item:
    def __init__(self, i):
        self.name = "item%d" % i
        self.value = i * 1.5
        self.tags = [i, str(i)]
data = [Item(i) for i in range(int(sys.argv[2]))]
log = sys.argv[1]
def ticker():
    last = time.monotonic()
    while True:
        time.sleep(0.001)
        t = time.monotonic()
        if t - last > 0.02:
            with open(log, "a") as f:
                f.write("%.3f\n" % (t - last))
        last = t
threading.Thread(target=ticker, daemon=True).start()
open(log + ".ready", "w").close()
while True:
    time.sleep(0.05)
'''


def main():
    n = int(os.environ.get("DUMP_ITEMS", "200000"))
    tmp = tempfile.mkdtemp(prefix="memscope-bench-attach-")
    log = os.path.join(tmp, "gaps")
    prog = os.path.join(tmp, "service.py")
    with open(prog, "w") as f:
        f.write(PROGRAM)
    version = subprocess.run(["/usr/bin/python3", "-c", "import platform; "
                              "print(platform.python_version())"],
                             capture_output=True, text=True).stdout.strip()
    p = subprocess.Popen(["/usr/bin/python3", prog, log, str(n)])
    try:
        while not os.path.exists(log + ".ready"):
            time.sleep(0.05)
        time.sleep(0.3)
        for mode in ([], ["--atomic"]):
            if os.path.exists(log):
                os.unlink(log)
            out = os.path.join(tmp, "heap.jsonl")
            t = time.perf_counter()
            r = subprocess.run([sys.executable, DUMPER, "--pid", str(p.pid), "-o", out] + mode,
                               capture_output=True, text=True)
            wall = time.perf_counter() - t
            time.sleep(0.2)
            if r.returncode:
                print("attach: failed (exit %d): %s" % (r.returncode, r.stderr.strip()))
                return 1
            m = re.search(r"\((\d+) objects\) from process \d+ in ([0-9.]+) s", r.stderr)
            gaps = [float(x) for x in open(log)] if os.path.exists(log) else [0.0]
            print("attach%s (Python %s): %s objects; caller %.2f s, dump inside the process "
                  "%s s; another thread's longest pause %.2f s" % (
                      " --atomic" if mode else "", version, m.group(1), wall, m.group(2),
                      max(gaps)))
    finally:
        p.kill()
        p.wait()
        subprocess.run(["rm", "-rf", tmp])
    return 0


if __name__ == "__main__":
    sys.exit(main())
