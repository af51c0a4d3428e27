#!/usr/bin/env python3
"""oracle_attach.py — memscope_dump.py --pid against running processes.

Under every CPython 3.8+ here, tests/python/attach_target.py runs as a
service that leaks: a worker thread appends to the module-level list LEAKED
while the main thread writes a heartbeat with its own state. The test
attaches by pid, with no preparation of the target, and checks that:
  - the dump appears, memscope reads it without warning, and memscope
    analyze's first leak suspect is LEAKED, reached by its global's name;
  - the heartbeat keeps advancing after the dump;
  - the process is as it was: the same sys.modules, gc settings, switch
    interval and open files, and the collector finds no garbage that it
    did not find before (a full collection on each side);
  - a second attach works and sees the leak grown;
  - nothing is left in the output directory.
Each also with --fork: the dump is a forked child's, exact, the leak
grown since the plain dumps, the target unchanged and left with no child.
On three of them, also --atomic, a main thread busy in bytecode, --trace
(tracemalloc left on; a later attach's dump has the leak's allocation
line), and --signal-install (a kill then dumps; a second install
replaces, also with --fork; a signal the program handles is refused).

A series (--every 0.2 --count 3), under Debian's python3: by attaching and
by --signal-install, exactly the files heap-1 to heap-3 in that order
(-q: no line on stderr; {n:03d} pads), each a dump where LEAKED is the
first suspect, the leak never smaller in a later one; --count 1 as a
single dump; progress on a terminal only; a failed dump (its file name
taken by a directory) stops the series with its number and exit status;
usage errors (no {n} in -o, --every without --count...) exit 2 with one
line. Order and count only: no assertion on timing.

The failures, each with its exit code and one-line message, and the target
still running and unchanged where there is one: no such pid, not a Python
process, a Python before 3.8 (pyenv's, when there are), gdb missing, ptrace
refused (the caller running as nobody), a main thread blocked in C past
--timeout, a target in another mount namespace (unshare, when permitted),
and usage errors. Prints "attach: N passed, N failed".
"""
import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from oracle_python import pythons
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
DUMPER = os.path.join(os.path.dirname(HERE), "src", "python", "memscope_dump.py")
TARGET = os.path.join(HERE, "python", "attach_target.py")
LEAK_LINE = next(i for i, ln in enumerate(open(TARGET), 1) if "LEAKED.append(Session(n))" in ln)
EXIT = {"ok": 0, "failed": 1, "usage": 2, "no_process": 3, "not_python": 4, "version": 5,
        "ptrace": 6, "no_gdb": 7, "timeout": 8, "namespace": 9}


class Target:
    """A running attach_target.py and its heartbeat."""

    def __init__(self, exe, tmp, mode=None, prefix=()):
        self.hb = os.path.join(tmp, "heartbeat")
        for p in (self.hb, self.hb + ".collect"):
            if os.path.exists(p):
                os.unlink(p)
        cmd = list(prefix) + [exe, TARGET, self.hb] + ([mode] if mode else [])
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid
        self.wait_tick(10 if mode != "--blocked" else 3)

    def state(self):
        for _ in range(200):
            try:
                with open(self.hb) as f:
                    return ast.literal_eval(f.read())
            except (OSError, SyntaxError, ValueError):
                time.sleep(0.01)
        raise RuntimeError("no heartbeat from %s" % self.hb)

    def wait_tick(self, n, limit=20.0):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if os.path.exists(self.hb) and self.state()["tick"] >= n:
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False

    def settled(self):
        """The state after a full collection in the target."""
        with open(self.hb + ".collect", "w"):
            pass
        while os.path.exists(self.hb + ".collect") and self.proc.poll() is None:
            time.sleep(0.01)
        t = self.state()["tick"]
        self.wait_tick(t + 1)
        return self.state()

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def attach(*args, env=None, dumper=DUMPER, user=None):
    """Runs memscope_dump.py with args; user: as nobody (through Debian's
    python3 and a copy of the dumper it can read)."""
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    exe = "/usr/bin/python3" if user else sys.executable
    p = subprocess.run([exe, dumper] + [str(a) for a in args], capture_output=True,
                       text=True, env=env, preexec_fn=drop if user else None)
    return p.returncode, p.stderr


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def analyze(dump):
    rc, out, err = memscope("analyze", "-f", "json", "--top", "0", dump)
    return json.loads(out) if rc == 0 else None, err


def same_state(tag, a, b, modules=True, garbage=True):
    """The checks that the target was left as found (but for tracemalloc,
    and the modules it imports, after --trace)."""
    for k in ("gc", "switch", "fds") + (("modules", "tracing") if modules else ()):
        check(a[k] == b[k], "%s: the target's %s changed: %r -> %r" % (tag, k, a[k], b[k]))
    check(not garbage or a["collected"] == b["collected"], "%s: the collector found %d objects after the attach"
          % (tag, b["collected"] - a["collected"]))


def leftovers(d):
    return [n for n in os.listdir(d) if n.startswith(".memscope-attach-")]


def sessions(report):
    return next((t["count"] for t in report["types"] if t["type"] == "__main__.Session"), 0)


def check_dump(tag, dump, atomic=False):
    """The dump loads without warning and LEAKED is the first suspect. A
    dump that let the worker thread run (not --atomic) may catch the heap
    changing under the walk: memscope's warning that a reference count
    does not add up is then the truth, and allowed."""
    rep, err = analyze(dump)
    if not atomic:
        err = "".join(ln for ln in err.splitlines(True) if "inconsistent dump" not in ln)
    check(rep is not None and err == "", "%s: memscope analyze: %s" % (tag, err.strip()))
    if rep is None:
        return None
    first = (rep.get("suspects") or [{}])[0]
    path = first.get("path") or []
    check(first.get("type") == "list" and path and path[-1].get("edge") == "'LEAKED'",
          "%s: first suspect is not LEAKED reached by its name: %s" % (tag, json.dumps(first)[:300]))
    check(rep.get("dangling") == 0, "%s: dangling references in the dump" % tag)
    with open(dump) as f:
        injected = [ln for ln in f if '"type": "module"' in ln and '"name": "memscope_dump"' in ln]
    check(not injected or "signal" in tag, "%s: the injected module is in the dump" % tag)
    return rep


def case(ver, exe, tmp, extras):
    tag = "attach %s" % ver
    t = Target(exe, tmp)
    try:
        check(t.alive(), "%s: target did not start" % tag)
        before = t.settled()
        a = os.path.join(tmp, "a.jsonl")
        rc, err = attach("--pid", t.pid, "-o", a)
        check(rc == 0 and os.path.exists(a), "%s: rc %d: %s" % (tag, rc, err.strip()))
        check("wrote %s" % a in err, "%s: no 'wrote' line: %s" % (tag, err.strip()))
        ra = check_dump(tag, a) if os.path.exists(a) else None
        tick = t.state()["tick"]
        check(t.wait_tick(tick + 3, 5), "%s: the heartbeat stopped after the dump" % tag)
        same_state(tag, before, t.settled())
        b = os.path.join(tmp, "b.jsonl")
        rc, err = attach("--pid", t.pid, "-o", b)
        check(rc == 0 and os.path.exists(b), "%s: second attach: rc %d: %s" % (tag, rc, err.strip()))
        rb = check_dump(tag + " second", b) if os.path.exists(b) else None
        if ra and rb:
            check(sessions(rb) > sessions(ra), "%s: the leak did not grow between dumps: "
                  "%d, %d" % (tag, sessions(ra), sessions(rb)))
        check(leftovers(tmp) == [], "%s: left in the output directory: %s" % (tag, leftovers(tmp)))
        fork_case(tag, t, tmp, rb)
        if extras:
            extra_cases(tag, t, tmp, exe)
    finally:
        t.stop()


def children(pid):
    """The pids of process pid's children (zombies too)."""
    out = []
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/children" % (pid, task)) as f:
            out.extend(int(x) for x in f.read().split())
    return out


def fork_case(tag, t, tmp, earlier):
    """--fork: the dump is the forked child's, whole and exact as with
    --atomic (the child has one thread); the leak has grown since the
    earlier dump; the process is as it was and has no child left."""
    tag += " --fork"
    before = t.settled()
    f = os.path.join(tmp, "fork.jsonl")
    rc, err = attach("--pid", t.pid, "--fork", "-o", f)
    check(rc == 0 and os.path.exists(f) and "by its forked child" in err,
          "%s: rc %d: %s" % (tag, rc, err.strip()))
    rep = check_dump(tag, f, atomic=True) if os.path.exists(f) else None
    if rep and earlier:
        check(sessions(rep) > sessions(earlier), "%s: the leak did not grow: %d, %d" % (
            tag, sessions(earlier), sessions(rep)))
    tick = t.state()["tick"]
    check(t.wait_tick(tick + 3, 5), "%s: the heartbeat stopped after the dump" % tag)
    same_state(tag, before, t.settled())
    check(children(t.pid) == [], "%s: the target has children left: %s" % (tag, children(t.pid)))
    check(leftovers(tmp) == [], "%s: left in the output directory: %s" % (tag, leftovers(tmp)))
    if os.path.exists(f):
        os.unlink(f)


def extra_cases(tag, t, tmp, exe):
    """--atomic, --trace, --signal-install; then a busy main thread."""
    before = t.settled()
    c = os.path.join(tmp, "c.jsonl")
    rc, err = attach("--pid", t.pid, "--atomic", "-o", c)
    check(rc == 0 and os.path.exists(c), "%s --atomic: rc %d: %s" % (tag, rc, err.strip()))
    same_state(tag + " --atomic", before, t.settled())
    # --trace: tracemalloc stays on; a later dump has the leak's line.
    rc, err = attach("--pid", t.pid, "--trace", "4", "-o", os.path.join(tmp, "d.jsonl"))
    check(rc == 0 and "tracemalloc now traces 4 frames" in err,
          "%s --trace: rc %d: %s" % (tag, rc, err.strip()))
    after = t.settled()
    check(after["tracing"] is True and "tracemalloc" in after["modules"],
          "%s --trace: tracemalloc is not on in the target" % tag)
    # Importing tracemalloc may itself leave garbage (CPython's import
    # system: 10 objects on 3.8); that is not the dumper's.
    same_state(tag + " --trace", before, after, modules=False, garbage=False)
    e = os.path.join(tmp, "e.jsonl")
    rc, err = attach("--pid", t.pid, "-o", e)
    rc2, out, _ = memscope("sites", "-f", "tsv", "--frames", "1", "--top", "0", e)
    want = "%s:%d" % (TARGET, LEAK_LINE)
    check(rc == 0 and rc2 == 0 and want in out, "%s --trace: no site %s in the later dump" %
          (tag, want))
    # --signal-install: each kill dumps; a second install replaces.
    pattern = os.path.join(tmp, "sig-{pid}-{n}.jsonl")
    rc, err = attach("--pid", t.pid, "--signal-install", "USR2", "-o", pattern)
    check(rc == 0 and "on signal %d" % signal.SIGUSR2 in err,
          "%s --signal-install: rc %d: %s" % (tag, rc, err.strip()))
    os.kill(t.pid, signal.SIGUSR2)
    f1 = os.path.join(tmp, "sig-%d-1.jsonl" % t.pid)
    end = time.monotonic() + 120  # under tracemalloc (--trace above) the dump is slow
    while not os.path.exists(f1) and time.monotonic() < end:
        time.sleep(0.02)
    check(os.path.exists(f1) and check_dump(tag + " signal", f1, atomic=True) is not None,
          "%s --signal-install: kill -USR2 wrote no %s" % (tag, f1))
    t.wait_tick(t.state()["tick"] + 2)  # the handler has returned
    check("memscope_dump" in t.state()["modules"],
          "%s --signal-install: the module memscope_dump is not kept" % tag)
    rc, err = attach("--pid", t.pid, "--signal-install", "USR2", "-o", pattern)
    check(rc == 0 and "replacing" in err, "%s --signal-install again: rc %d: %s" %
          (tag, rc, err.strip()))
    # --fork --signal-install: each kill forks the child that dumps.
    fpat = os.path.join(tmp, "sigf-{pid}-{n}.jsonl")
    rc, err = attach("--pid", t.pid, "--fork", "--signal-install", "USR2", "-o", fpat)
    check(rc == 0 and "from a forked child" in err and "replacing" in err,
          "%s --fork --signal-install: rc %d: %s" % (tag, rc, err.strip()))
    f1 = os.path.join(tmp, "sigf-%d-1.jsonl" % t.pid)
    os.kill(t.pid, signal.SIGUSR2)
    end = time.monotonic() + 120
    while not os.path.exists(f1) and time.monotonic() < end:
        time.sleep(0.02)
    check(os.path.exists(f1) and check_dump(tag + " signal --fork", f1, atomic=True) is not None,
          "%s --fork --signal-install: kill -USR2 wrote no %s" % (tag, f1))
    check(children(t.pid) == [], "%s --fork --signal-install: the target has children left: %s"
          % (tag, children(t.pid)))
    rc, err = attach("--pid", t.pid, "--signal-install", "USR1", "-o", pattern)
    check(rc == EXIT["failed"] and "already handles SIGUSR1" in err,
          "%s --signal-install USR1 (the program's own): rc %d: %s" % (tag, rc, err.strip()))
    check(leftovers(tmp) == [], "%s: left in the output directory: %s" % (tag, leftovers(tmp)))
    os.mkdir(os.path.join(tmp, "busy"))
    busy = Target(exe, os.path.join(tmp, "busy"), "--busy")
    try:
        f = os.path.join(tmp, "busy.jsonl")
        rc, err = attach("--pid", busy.pid, "-o", f)
        check(rc == 0 and os.path.exists(f), "%s busy main thread: rc %d: %s" %
              (tag, rc, err.strip()))
    finally:
        busy.stop()


def run_pty(args):
    """memscope_dump.py with args, its stderr a terminal: (rc, stderr)."""
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, DUMPER] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out.decode("utf-8", "replace")


def series_files(d, prefix):
    return sorted(n for n in os.listdir(d) if n.startswith(prefix))


def series(exe, tmp):
    """--every/--count against one running target: see the docstring."""
    tag = "series"
    t = Target(exe, tmp)
    try:
        pat = os.path.join(tmp, "heap-{n}.jsonl")
        rc, err = attach("--pid", t.pid, "--every", "0.2", "--count", "3", "-o", pat)
        names = series_files(tmp, "heap-")
        check(rc == 0 and names == ["heap-1.jsonl", "heap-2.jsonl", "heap-3.jsonl"],
              "%s: rc %d, files %s: %s" % (tag, rc, names, err.strip()))
        wrote = [ln.split()[2] for ln in err.splitlines() if ln.startswith("memscope_dump: wrote ")]
        check(wrote == [pat.format(n=k) for k in (1, 2, 3)] and err.count("\n") == 3,
              "%s: one line per dump, in order: %s" % (tag, err.strip()))
        counts = []
        for n in names:
            rep = check_dump("%s %s" % (tag, n), os.path.join(tmp, n))
            counts.append(sessions(rep) if rep else -1)
        check(counts == sorted(counts) and counts[0] < counts[-1],
              "%s: the leak does not grow along the series: %s" % (tag, counts))
        check(leftovers(tmp) == [] and not [n for n in os.listdir(tmp) if ".tmp" in n],
              "%s: left in the output directory: %s" % (tag, os.listdir(tmp)))
        # -q and a padded number.
        rc, err = attach("--pid", t.pid, "-q", "--every", "0.2", "--count", "2", "-o",
                         os.path.join(tmp, "q-{n:03d}.jsonl"))
        check(rc == 0 and err == "" and series_files(tmp, "q-") == ["q-001.jsonl", "q-002.jsonl"],
              "%s -q: rc %d, files %s: %r" % (tag, rc, series_files(tmp, "q-"), err))
        # --count 1: one dump, as without the series options.
        one = os.path.join(tmp, "one.jsonl")
        rc, err = attach("--pid", t.pid, "--count", "1", "-o", one)
        check(rc == 0 and os.path.exists(one) and err.startswith("memscope_dump: wrote %s (" % one)
              and err.count("\n") == 1, "%s --count 1: rc %d: %s" % (tag, rc, err.strip()))
        # Progress on a terminal: a countdown, erased before each line.
        rc, out = run_pty(["--pid", t.pid, "--every", "4", "--count", "2", "-o",
                           os.path.join(tmp, "tty-{n}.jsonl")])
        at = [out.find(s) for s in ("tty-1.jsonl", "1 of 2 dumps written; the next in",
                                    "\r\033[Kmemscope_dump: wrote", "tty-2.jsonl")]
        check(rc == 0 and -1 not in at and at == sorted(at),
              "%s on a terminal: rc %d: %r" % (tag, rc, out))
        # A dump whose file cannot be written: the series stops there.
        os.mkdir(os.path.join(tmp, "bad-2.jsonl"))
        rc, err = attach("--pid", t.pid, "--every", "0.2", "--count", "3", "-o",
                         os.path.join(tmp, "bad-{n}.jsonl"))
        check(rc == EXIT["failed"] and "dump 2 of 3 (%s) failed" % os.path.join(tmp, "bad-2.jsonl")
              in err and series_files(tmp, "bad-") == ["bad-1.jsonl", "bad-2.jsonl"],
              "%s, dump 2 failing: rc %d, files %s: %s" % (tag, rc, series_files(tmp, "bad-"),
                                                          err.strip()))
        check(t.alive() and leftovers(tmp) == [], "%s, dump 2 failing: the target died or files "
              "were left: %s" % (tag, leftovers(tmp)))
        # By signal: one attach installs the handler, a kill takes each dump.
        pat = os.path.join(tmp, "sig-{n}.jsonl")
        rc, err = attach("--pid", t.pid, "--signal-install", "USR2", "--every", "0.2", "--count",
                         "3", "-o", pat)
        names = series_files(tmp, "sig-")
        check(rc == 0 and names == ["sig-1.jsonl", "sig-2.jsonl", "sig-3.jsonl"],
              "%s --signal-install: rc %d, files %s: %s" % (tag, rc, names, err.strip()))
        wrote = [ln.split()[4] for ln in err.splitlines() if " on signal " in ln and " wrote " in ln]
        check(wrote == [pat.format(n=k) for k in (1, 2, 3)] and "dumps to %s on signal" % pat in err,
              "%s --signal-install: the install, then one line per dump: %s" % (tag, err.strip()))
        for n in names:
            check_dump("%s signal %s" % (tag, n), os.path.join(tmp, n), atomic=True)
        t.wait_tick(t.state()["tick"] + 2)
        check(t.alive() and "memscope_dump" in t.state()["modules"],
              "%s --signal-install: the handler is not kept" % tag)
    finally:
        t.stop()
    out = os.path.join(tmp, "u.jsonl")
    for args, why in ((["--every", "1"], "--every needs --count"),
                      (["--count", "2"], "--count 2 needs --every"),
                      (["--every", "1", "--count", "3"], "needs {n}"),
                      (["--every", "0", "--count", "3"], "--every: expected seconds"),
                      (["--every", "1", "--count", "0"], "--count: expected a positive number"),
                      (["--every", "1", "--count", "x"], "--count: expected a positive number")):
        rc, err = attach("--pid", 1, *args, "-o", out)
        check(rc == EXIT["usage"] and why in err and err.count("\n") == 1,
              "usage %s: rc %d: %s" % (args, rc, err.strip()))
    rc, err = attach("--pid", 1, "--every", "1", "--count", "2", "-o", os.path.join(tmp, "{x}-{n}"))
    check(rc == EXIT["usage"] and "{pid} and {n} only" in err,
          "usage -o {x}-{n}: rc %d: %s" % (rc, err.strip()))


def failures(exe, tmp):
    """Each refusal: its exit code and message; the target as it was."""
    out = os.path.join(tmp, "x.jsonl")
    t = Target(exe, tmp, "--blocked")
    try:
        before = t.state()
        rc, err = attach("--pid", t.pid, "-o", out, "--timeout", "1.5")
        check(rc == EXIT["timeout"] and "no bytecode boundary" in err and err.count("\n") == 1,
              "blocked main thread: rc %d: %s" % (rc, err.strip()))
        tick = t.state()["tick"]
        check(t.wait_tick(tick + 3, 5), "blocked main thread: the target stopped ticking")
        same_state("blocked main thread", before, t.state())
        check(not os.path.exists(out) and leftovers(tmp) == [],
              "blocked main thread: files left: %s" % leftovers(tmp))
        if os.geteuid() == 0 and os.path.exists("/usr/bin/python3"):
            pub = tempfile.mkdtemp(prefix="memscope-attach-nobody-")
            for f in ("memscope_dump.py", "memscope_attach.py"):
                shutil.copy(os.path.join(os.path.dirname(DUMPER), f), pub)
            os.chmod(pub, 0o755)
            rc, err = attach("--pid", t.pid, "-o", os.path.join(pub, "x.jsonl"), user="nobody",
                             dumper=os.path.join(pub, "memscope_dump.py"))
            shutil.rmtree(pub)
            check(rc == EXIT["ptrace"] and "root" in err and err.count("\n") == 1,
                  "ptrace refused: rc %d: %s" % (rc, err.strip()))
            check(t.alive(), "ptrace refused: the target died")
        env = dict(os.environ, PATH=os.path.dirname(sys.executable) + ":/nonexistent")
        if shutil.which("gdb", path=env["PATH"]) is None:
            rc, err = attach("--pid", t.pid, "-o", out, env=env)
            check(rc == EXIT["no_gdb"] and "apt-get install gdb" in err,
                  "gdb missing: rc %d: %s" % (rc, err.strip()))
    finally:
        t.stop()
    dead = subprocess.Popen(["true"])
    dead.wait()
    rc, err = attach("--pid", dead.pid, "-o", out)
    check(rc == EXIT["no_process"] and "no process %d" % dead.pid in err,
          "no such pid: rc %d: %s" % (rc, err.strip()))
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        time.sleep(0.1)
        rc, err = attach("--pid", sleeper.pid, "-o", out)
        check(rc == EXIT["not_python"] and "not a Python process" in err,
              "not Python: rc %d: %s" % (rc, err.strip()))
    finally:
        sleeper.kill()
        sleeper.wait()
    for old in ("3.7", "3.6", "2.7"):
        exes = sorted(p for p in [os.path.expanduser("~/.pyenv/versions/%s" % v) for v in
                                  os.listdir(os.path.expanduser("~/.pyenv/versions"))
                                  if v.startswith(old + ".")]) if \
            os.path.isdir(os.path.expanduser("~/.pyenv/versions")) else []
        for root in exes:
            py = os.path.join(root, "bin", "python" + old)
            p = subprocess.Popen([py, "-c", "import time; time.sleep(30)"])
            try:
                time.sleep(0.3)
                rc, err = attach("--pid", p.pid, "-o", out)
                check(rc == EXIT["version"] and "Python %s" % old in err,
                      "Python %s: rc %d: %s" % (old, rc, err.strip()))
            finally:
                p.kill()
                p.wait()
    namespace(exe, tmp)
    for args in (["--pid", "1"], ["--pid", "x", "-o", out], ["--pid", "1", "-o", out, "s.py"],
                 ["--pid", "1", "-o", out, "--timeout", "0"]):
        rc, err = attach(*args)
        check(rc == EXIT["usage"], "usage %s: rc %d: %s" % (args, rc, err.strip()))


def namespace(exe, tmp):
    """A target whose view of the output directory is a tmpfs of its own."""
    hidden = os.path.join(tmp, "hidden")
    os.mkdir(hidden)
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs none %s" % hidden], capture_output=True)
    if probe.returncode:
        print("attach: skipped the mount-namespace case: unshare -m not permitted here")
        return
    t = Target(exe, tmp, prefix=["unshare", "-m", "--propagation", "private", "sh", "-c",
                                 'mount -t tmpfs none %s && exec "$0" "$@"' % hidden])
    try:
        # unshare execs sh, which execs Python: the pid is the target's.
        rc, err = attach("--pid", t.pid, "-o", os.path.join(hidden, "x.jsonl"))
        check(rc == EXIT["namespace"] and "mount namespace" in err,
              "another mount namespace: rc %d: %s" % (rc, err.strip()))
        check(t.alive(), "another mount namespace: the target died")
    finally:
        t.stop()


def quoting():
    """The dumper's own JSON quoting (for a process without _json) against
    the json module."""
    sys.path.insert(0, os.path.dirname(DUMPER))
    import memscope_dump
    cases = ["", "plain", 'say "hi"', "back\\slash", "tab\there\n", "\x00\x1f\x7f", "é",
             "\u20ac", "\U0001f600", "\ud800 lone", "mixed \u00e9\"\\\x01\U0010ffff"]
    cases += ["".join(chr(c) for c in range(i, i + 64)) for i in range(0, 0x3000, 61)]
    bad = [c for c in cases if not memscope_dump._py_quote(c).isascii() or
           json.loads(memscope_dump._py_quote(c)) != c]
    check(not bad, "_py_quote differs from json for %r" % bad[:3])


def main():
    quoting()
    tmp = tempfile.mkdtemp(prefix="memscope-attach-test-")
    try:
        vers = pythons()
        if os.environ.get("SANITIZE") == "1":
            vers = vers[:1]  # memscope under the sanitizers: the Python side is the same
        print("attach: interpreters: %s" % ", ".join(v for v, _ in vers))
        key = lambda v: tuple(map(int, v[0].split(".")))  # noqa: E731
        extras = {vers[0][0], min(vers, key=key)[0], max(vers, key=key)[0]}
        for ver, exe in vers:
            d = os.path.join(tmp, ver)
            os.mkdir(d)
            case(ver, exe, d, ver in extras)
        d = os.path.join(tmp, "failures")
        os.mkdir(d)
        failures(vers[0][1], d)
        d = os.path.join(tmp, "series")
        os.mkdir(d)
        series(vers[0][1], d)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary("attach")


if __name__ == "__main__":
    sys.exit(main())
