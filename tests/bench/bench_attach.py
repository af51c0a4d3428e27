#!/usr/bin/env python3
"""bench_attach.py — how long memscope_dump.py pauses a running process
with about a million objects, with and without --fork (make bench).

Starts Debian's python3 on a program that builds ~1.2M objects (200k
instances with a str, a float and a list each) and runs a ticker thread
that sleeps 1 ms at a time and logs every gap longer than 5 ms: the
longest gap is what another thread of the process experiences. Then
dumps it five ways, printing for each the caller's time, the dump's time,
the longest gap, and with --fork the dumping child's peak extra memory:

  --pid                  under gdb the process stops for the attach (about
                         0.3 s); the walk runs in its main thread
  --pid --atomic         other threads are held off for the whole walk
  --pid --fork           the attach's stop, then only the fork; a child
                         writes the dump
  --signal-install USR2  then kill -USR2: the handler's dump holds every
                         thread off (atomic), with no gdb stop
  ... --fork             the same, the handler forking the child: the
                         pause is the fork alone

The child's extra memory is its private memory (Private_Clean +
Private_Dirty of /proc/PID/smaps_rollup, sampled every 10 ms while it
runs): the pages copied since the fork, by the child's reference count
updates or by the parent's writes, which no longer share a page.
"""
import os
import re
import signal
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
        if t - last > 0.005:
            with open(log, "a") as f:
                f.write("%.4f\n" % (t - last))
        last = t
threading.Thread(target=ticker, daemon=True).start()
open(log + ".ready", "w").close()
while True:
    time.sleep(0.05)
'''


def private_kb(pid):
    """Private_Clean + Private_Dirty of process pid in kB, or None."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            text = f.read()
    except OSError:
        return None
    return sum(int(m) for m in re.findall(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", text, re.M))


def children_of_image(pid, cmdline):
    """Processes other than pid running the same command line: the target's
    forked children (a --fork dump's child is adopted by init)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit() and int(d) != pid:
            try:
                with open("/proc/%s/cmdline" % d, "rb") as f:
                    if f.read() == cmdline:
                        out.append(int(d))
            except OSError:
                pass
    return out


def run(cmd, watch):
    """Runs cmd (a list, or a callable) while sampling the private memory
    of watch's forked children; returns (result, seconds, peak kB or None)."""
    pid, cmdline = watch
    peak = None
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while p.poll() is None:
        for c in children_of_image(pid, cmdline):
            kb = private_kb(c)
            if kb is not None and (peak is None or kb > peak):
                peak = kb
        time.sleep(0.01)
    wall = time.perf_counter() - t
    out, err = p.communicate()
    return p.returncode, err, wall, peak


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
    p = subprocess.Popen(["/usr/bin/python3", prog, log, str(n)], stderr=subprocess.DEVNULL)
    try:
        while not os.path.exists(log + ".ready"):
            time.sleep(0.05)
        time.sleep(0.3)
        with open("/proc/%d/cmdline" % p.pid, "rb") as f:
            watch = (p.pid, f.read())
        with open("/proc/%d/status" % p.pid) as f:
            rss = int(re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M).group(1))
        out = os.path.join(tmp, "heap.jsonl")
        pattern = os.path.join(tmp, "sig-{n}.jsonl")
        modes = [("--pid", []), ("--pid --atomic", ["--atomic"]), ("--pid --fork", ["--fork"]),
                 ("kill -USR2 (--signal-install)", None),
                 ("kill -USR2 (--signal-install --fork)", ["--fork"])]
        k = 0
        for name, extra in modes:
            if os.path.exists(log):
                os.unlink(log)
            if name.startswith("kill"):
                rc, err, _, _ = run([sys.executable, DUMPER, "--pid", str(p.pid), "-q",
                                     "--signal-install", "USR2", "-o", pattern] + (extra or []),
                                    watch)
                if rc:
                    print("attach: %s: install failed (exit %d): %s" % (name, rc, err.strip()))
                    return 1
                time.sleep(0.5)
                if os.path.exists(log):
                    os.unlink(log)
                k += 1
                target = pattern.format(n=1)  # each install counts from 1
                if os.path.exists(target):
                    os.unlink(target)
                rc, err, wall, peak = run([sys.executable, "-c", (
                    "import os, sys, time; os.kill(%d, %d)\n"
                    "while not os.path.exists(%r): time.sleep(0.005)") % (
                        p.pid, signal.SIGUSR2, target)], watch)
                objects = sum(1 for _ in open(target)) - 1
                inside = "%.2f" % wall
            else:
                rc, err, wall, peak = run([sys.executable, DUMPER, "--pid", str(p.pid), "-o", out] +
                                          extra, watch)
                if rc:
                    print("attach: %s failed (exit %d): %s" % (name, rc, err.strip()))
                    return 1
                m = re.search(r"\((\d+) objects\) from process \d+ in ([0-9.]+) s", err)
                objects, inside = m.group(1), m.group(2)
            time.sleep(0.3)
            gaps = [float(x) for x in open(log)] if os.path.exists(log) else []
            longest = "%.3f s" % max(gaps) if gaps else "under 0.005 s"
            print("attach %s (Python %s, %s objects, %.0f MB resident): caller %.2f s, dump %s s; "
                  "another thread's longest pause %s%s" % (
                      name, version, objects, rss / 1024.0, wall, inside, longest,
                      "; the child's peak extra memory %.0f MB" % (peak / 1024.0)
                      if peak is not None else ""))
    finally:
        p.kill()
        p.wait()
        subprocess.run(["rm", "-rf", tmp])
    return 0


if __name__ == "__main__":
    sys.exit(main())
