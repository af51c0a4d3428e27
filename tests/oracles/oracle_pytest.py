#!/usr/bin/env python3
"""oracle_pytest.py — the pytest plugin (src/python/memscope_pytest.py) run
by Debian's pytest (python3-pytest) on generated test files, each run in a
subprocess with -p memscope_pytest, PYTHONPATH=src/python and
--strict-markers, its outcomes read from --junitxml.

Against a fake memscope (a script that records its arguments and whether
each dump existed and began with memscope's header, then prints canned JSON
and exits with a given status):
  exit 7     (under -W error: the dumps' walk warns of nothing) the
             marked test fails with exactly the message pinned below
             (memscope's stderr, the collections and leak clusters that are
             not known, each with its path, the baseline's count, the dump
             folder); the folder holds heap-1..6.jsonl; memscope ran once, as
             diff -q -f json --no-index --fail-over 1M --baseline FILE D1..D6
             with the marker's baseline (relative to the test file) winning
             over --memscope-baseline and the ini option; the test function
             was called warmups + runs = 7 times, its fixture made once; the
             unmarked test passed and did not run memscope
  exit 0     passes, the dumps deleted; --memscope-baseline is relative to
             the invocation folder; baseline="" drops it
  exit 3     an error of the test (at teardown, not a failure) with
             memscope's stderr; the ini option's baseline is relative to the
             ini file's folder; the defaults are 2 warm-ups and 5 runs
  no memscope, a bad marker  an error at setup: the test body never runs
  a failing test body        its own failure; memscope never runs
Against the real memscope ($MEMSCOPE):
  a test appending to a module-level list fails naming the list; a clean
  test, and one filling a deque(maxlen=16) and an lru_cache(maxsize=16)
  during its warm-ups and churning them after, pass; with a baseline that
  `memscope diff --write-baseline` wrote from the failing test's dumps it
  passes, and a second leak added fails naming only the new list.
Prints "pytest: N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
PLUGIN_DIR = os.path.join(os.path.dirname(HERE), "src", "python")
MEMSCOPE = os.path.abspath(os.environ.get("MEMSCOPE", "./memscope"))

FAKE = r'''#!/usr/bin/env python3
import json, os, sys
dumps = []
for a in sys.argv[1:]:
    if a.endswith(".jsonl"):
        head = ""
        if os.path.isfile(a):
            with open(a) as f:
                head = f.readline()
        dumps.append({"path": a, "header": head.startswith('{"memscope": 1')})
with open(os.environ["FAKE_LOG"], "a") as f:
    f.write(json.dumps({"argv": sys.argv, "dumps": dumps}) + "\n")
if os.environ.get("FAKE_OUT"):
    with open(os.environ["FAKE_OUT"]) as f:
        sys.stdout.write(f.read())
sys.stderr.write(os.environ.get("FAKE_ERR", ""))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
'''


def step(i, t, edge, name=None):
    return {"id": i, "type": t, "edge": edge, "name": name}


MODULE = [step(1, "module", None, "app"), step(2, "dict", "__dict__")]
CANNED = {
    "dumps": [{"source": "heap-%d.jsonl" % k, "objects": 1000 + k, "bytes": 50000,
               "reachable_objects": 900, "reachable_bytes": 40000} for k in range(1, 7)],
    "baseline": {"source": "known.txt", "known": 2},
    "series": {
        "types": [],
        "collections": [
            {"id": 7, "type": "list", "elements": [3, 4, 5, 6, 7, 8],
             "retained": [100, 200, 300, 400, 500, 2148], "growth": 2048,
             "element_growth": 5, "name": "LISTENERS",
             "path": MODULE + [step(7, "list", "'LISTENERS'")],
             "signature": "module __dict__ dict 'LISTENERS' list", "known": False},
            {"id": 8, "type": "dict", "elements": [1, 2, 3, 4, 5, 6],
             "retained": [10, 20, 30, 40, 50, 60], "growth": 50, "element_growth": 5,
             "name": "CACHE", "path": MODULE + [step(8, "dict", "'CACHE'")],
             "signature": "module __dict__ dict 'CACHE' dict", "known": True},
            {"id": 9, "type": "collections.deque", "elements": [0, 1, 2, 3, 4, 5],
             "retained": [0, 1, 2, 3, 4, 5], "growth": 5, "element_growth": 5,
             "name": None, "path": MODULE + [step(9, "collections.deque", "'q'")],
             "signature": "x", "known": False}],
        "cohorts": []},
    "leaks": [
        {"cluster": 1, "type": "app.Session", "count": 3, "retained": 1500000,
         "name": "LISTENERS", "path": MODULE + [step(7, "list", "'LISTENERS'"),
                                               step(20, "app.Session", "[5]")],
         "signature": "y", "known": False},
        {"cluster": 2, "type": "app.Old", "count": 9, "retained": 900, "name": "old",
         "path": MODULE + [step(30, "app.Old", "'old'")], "signature": "z", "known": True}],
}
CANNED_ERR = ("memscope: 1 growing collection that is not known grew by 2.0 KiB, "
              "more than --fail-over 1M\n")
# The failure message for CANNED, FOLDER standing for the dump folder.
EXPECTED = """\
memscope found growth in 5 runs after 2 warm-ups (--fail-over 1M):
  memscope: 1 growing collection that is not known grew by 2.0 KiB, more than --fail-over 1M
growing collections:
  list LISTENERS: 3 -> 8 elements, retained +2.0 KiB
    module --__dict__--> dict --'LISTENERS'--> list
  collections.deque (no name): 0 -> 5 elements, retained +5 B
    module --__dict__--> dict --'q'--> collections.deque
leak clusters:
  3 app.Session retaining 1.4 MiB, name LISTENERS
    module --__dict__--> dict --'LISTENERS'--> list --[5]--> app.Session
known findings left out: 2 (baseline known.txt)
dumps kept in FOLDER (memscope diff FOLDER)"""

FAKE_TESTS = '''\
import os
import pytest

CALLS = os.path.join(os.path.dirname(__file__), "calls.txt")
SETUPS = os.path.join(os.path.dirname(__file__), "setups.txt")


def note(path):
    with open(path, "a") as f:
        f.write("x")


@pytest.fixture
def made():
    note(SETUPS)
    return object()


@pytest.mark.memscope_leaks(limit="1M", warmups=2, runs=5, baseline="known.txt")
def test_marked(made):
    assert made is not None
    note(CALLS)


def test_unmarked():
    note(CALLS + ".unmarked")
'''

PASS_TESTS = '''\
import os
import pytest

CALLS = os.path.join(os.path.dirname(__file__), "calls.txt")


def note(path):
    with open(path, "a") as f:
        f.write("x")


@pytest.mark.memscope_leaks(warmups=0, runs=2)
def test_clean():
    note(CALLS)


@pytest.mark.memscope_leaks("64K", runs=2, baseline="")
def test_no_baseline():
    pass
'''

DEFAULT_TESTS = '''\
import os
import pytest

CALLS = os.path.join(os.path.dirname(__file__), "calls.txt")


@pytest.mark.memscope_leaks
def test_defaults():
    with open(CALLS, "a") as f:
        f.write("x")
'''

BAD_TESTS = '''\
import os
import pytest

CALLS = os.path.join(os.path.dirname(__file__), "calls.txt")


def note():
    with open(CALLS, "a") as f:
        f.write("x")


@pytest.mark.memscope_leaks(runs=1)
def test_one_run():
    note()


@pytest.mark.memscope_leaks(rounds=3)
def test_unknown_argument():
    note()


def test_unmarked():
    pass
'''

MISSING_TESTS = '''\
import os
import pytest

CALLS = os.path.join(os.path.dirname(__file__), "calls.txt")


@pytest.mark.memscope_leaks(runs=2)
def test_marked():
    with open(CALLS, "a") as f:
        f.write("x")


def test_unmarked():
    pass
'''

RAISING_TESTS = '''\
import pytest

N = [0]


@pytest.mark.memscope_leaks(warmups=1, runs=3)
def test_third_call_fails():
    N[0] += 1
    assert N[0] < 3, "call %d" % N[0]
'''

REAL_TESTS = '''\
import collections
import functools
import pytest


class Item:
    def __init__(self, n):
        self.n = n
        self.payload = [n] * 20


LEAK = []
RING = collections.deque(maxlen=16)
COUNTER = [0]


@functools.lru_cache(maxsize=16)
def lookup(n):
    return Item(n)


@pytest.mark.memscope_leaks(limit="0", warmups=2, runs=5)
def test_leaky():
    LEAK.append(Item(len(LEAK)))
    # NEW LEAK


@pytest.mark.memscope_leaks(limit="4K", warmups=2, runs=5)
def test_clean():
    d = {i: Item(i) for i in range(50)}
    assert len(d) == 50


# 4K: a freed object's address taken by a new one makes the new one's
# parts look like new objects that an old one keeps (a few hundred bytes).
@pytest.mark.memscope_leaks(limit="4K", warmups=2, runs=5)
def test_bounded():
    for _ in range(10):
        COUNTER[0] += 1
        RING.append(Item(COUNTER[0]))
        lookup(COUNTER[0])
    assert len(RING) <= 16


def test_unmarked():
    LEAK.append(Item(-1))
'''


def pytest_python():
    """An interpreter that imports pytest: this one, else Debian's."""
    for py in (sys.executable, "/usr/bin/python3"):
        if py and subprocess.run([py, "-c", "import pytest"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL).returncode == 0:
            return py
    return None


class Run:
    """One pytest run in its own folder: rc, out, and per test
    (outcome, message), outcome one of passed, failed, error, skipped."""

    def __init__(self, py, folder, tests, args=(), env=None, ini=""):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "test_gen.py"), "w") as f:
            f.write(tests)
        with open(os.path.join(folder, "pytest.ini"), "w") as f:
            f.write("[pytest]\n" + ini)
        xml = os.path.join(folder, "junit.xml")
        e = dict(os.environ, PYTHONPATH=PLUGIN_DIR, PYTHONDONTWRITEBYTECODE="1")
        e.pop("MEMSCOPE", None)
        e.update(env or {})
        r = subprocess.run([py, "-m", "pytest", "-p", "memscope_pytest", "-p", "no:cacheprovider",
                            "--strict-markers", "-q", "--basetemp", os.path.join(folder, "bt"),
                            "--junitxml", xml] + list(args) + ["test_gen.py"],
                           cwd=folder, env=e, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True)
        self.rc, self.out = r.returncode, r.stdout
        self.tests = {}
        if os.path.exists(xml):
            for case in ET.parse(xml).getroot().iter("testcase"):
                outcome, msg = "passed", ""
                for kind in ("skipped", "failure", "error"):
                    el = case.find(kind)
                    if el is not None:
                        outcome = {"failure": "failed"}.get(kind, kind)
                        msg = el.text or el.get("message") or ""
                self.tests[case.get("name")] = (outcome, msg)

    def outcome(self, name):
        return self.tests.get(name, ("missing", ""))[0]

    def message(self, name):
        return self.tests.get(name, ("missing", ""))[1]

    def count(self, name):
        """How many times the generated tests noted name (calls.txt ...)."""
        p = os.path.join(self.folder, name)
        return len(open(p).read()) if os.path.exists(p) else 0

    def show(self):
        print(self.out[-3000:])


def expect(r, test, want, what):
    """Checks that test's outcome in run r is want."""
    check(r.outcome(test) == want, "%s: %s %s, want %s" % (what, test, r.outcome(test), want))


def fake_calls(log):
    """The fake memscope's calls: [{"argv": [...], "dumps": [...]}]."""
    if not os.path.exists(log):
        return []
    with open(log) as f:
        return [json.loads(x) for x in f]


def fake_env(tmp, name, exit_status, out=None, err=""):
    fake = os.path.join(tmp, "fake-memscope")
    if not os.path.exists(fake):
        with open(fake, "w") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)
    env = {"MEMSCOPE": fake, "FAKE_LOG": os.path.join(tmp, name + ".log"),
           "FAKE_EXIT": str(exit_status), "FAKE_ERR": err}
    if out is not None:
        p = os.path.join(tmp, name + ".json")
        with open(p, "w") as f:
            json.dump(out, f)
        env["FAKE_OUT"] = p
    return env


def check_fake_failure(py, tmp):
    """Exit 7: the pinned message, the kept dumps, the arguments, the calls."""
    env = fake_env(tmp, "fail", 7, CANNED, CANNED_ERR)
    folder = os.path.join(tmp, "fail")
    r = Run(py, folder, FAKE_TESTS, ["--memscope-baseline", "cli.txt", "-W", "error"], env,
            "memscope_baseline = ini.txt\n")
    what = "fake exit 7"
    expect(r, "test_marked", "failed", what)
    expect(r, "test_unmarked", "passed", what)
    calls = fake_calls(env["FAKE_LOG"])
    check(len(calls) == 1, "%s: memscope ran %d times, want once" % (what, len(calls)))
    msg = r.message("test_marked")
    m = re.search(r"^dumps kept in (\S+) ", msg, re.M)
    dumps = m.group(1) if m else ""
    check(msg == EXPECTED.replace("FOLDER", dumps),
          "%s: message\n%s\n--- want\n%s" % (what, msg, EXPECTED.replace("FOLDER", dumps)))
    want_files = ["heap-%d.jsonl" % k for k in range(1, 7)]
    check(dumps and sorted(os.listdir(dumps)) == sorted(want_files),
          "%s: the kept folder %r holds %s" % (what, dumps,
                                               os.listdir(dumps) if os.path.isdir(dumps) else None))
    if calls:
        argv = calls[0]["argv"]
        want = [env["MEMSCOPE"], "diff", "-q", "-f", "json", "--no-index", "--fail-over", "1M",
                "--baseline", os.path.join(folder, "known.txt")] + \
            [os.path.join(dumps, x) for x in want_files]
        check(argv == want, "%s: argv %s, want %s" % (what, argv, want))
        check(all(d["header"] for d in calls[0]["dumps"]),
              "%s: every dump existed with memscope's header: %s" % (what, calls[0]["dumps"]))
    check(r.count("calls.txt") == 7, "%s: %d calls, want 2 + 5" % (what, r.count("calls.txt")))
    check(r.count("setups.txt") == 1, "%s: fixture made %d times" % (what, r.count("setups.txt")))
    check(r.count("calls.txt.unmarked") == 1, "%s: unmarked test called once" % what)
    if r.outcome("test_marked") != "failed":
        r.show()


def check_fake_pass(py, tmp):
    """Exit 0: passes, dumps deleted, --memscope-baseline from the cwd."""
    env = fake_env(tmp, "pass", 0)
    folder = os.path.join(tmp, "pass")
    r = Run(py, folder, PASS_TESTS, ["--memscope-baseline", "cli.txt"], env)
    what = "fake exit 0"
    for t in ("test_clean", "test_no_baseline"):
        check(r.outcome(t) == "passed", "%s: %s %s" % (what, t, r.outcome(t)))
    calls = fake_calls(env["FAKE_LOG"])
    check(len(calls) == 2, "%s: memscope ran %d times, want 2" % (what, len(calls)))
    if len(calls) == 2:
        a, b = calls[0]["argv"], calls[1]["argv"]
        check(a[6:10] == ["--fail-over", "1K", "--baseline", os.path.join(folder, "cli.txt")],
              "%s: default limit and the command line's baseline: %s" % (what, a))
        check(len(a) == 13, "%s: 3 dumps for 2 runs: %s" % (what, a))
        check(b[6:8] == ["--fail-over", "64K"] and "--baseline" not in b,
              "%s: positional limit, baseline='' drops it: %s" % (what, b))
        paths = [d["path"] for c in calls for d in c["dumps"]]
        check(all(d["header"] for c in calls for d in c["dumps"]),
              "%s: the dumps existed when memscope ran" % what)
        left = [p for p in paths if os.path.exists(p) or os.path.exists(os.path.dirname(p))]
        check(not left, "%s: dumps and folders left after a pass: %s" % (what, left[:3]))
        bt = os.path.join(folder, "bt")
        left = [d for d in os.listdir(bt) if d.startswith("memscope-")]
        check(not left, "%s: left in the base temporary folder: %s" % (what, left))
    check(r.count("calls.txt") == 2,
          "%s: warmups=0 runs=2: %d calls" % (what, r.count("calls.txt")))


def check_fake_error(py, tmp):
    """Exit 3: an error at teardown with memscope's stderr; ini baseline."""
    err = "memscope: known.txt:2: unknown kind \"leek\"\n"
    env = fake_env(tmp, "error", 3, None, err)
    folder = os.path.join(tmp, "error")
    os.makedirs(os.path.join(folder, "conf"))
    with open(os.path.join(folder, "conf", "pytest.ini"), "w") as f:
        f.write("[pytest]\nmemscope_baseline = base/ini.txt\n")
    r = Run(py, folder, DEFAULT_TESTS, ["-c", "conf/pytest.ini", "--rootdir", "."], env, "")
    what = "fake exit 3"
    expect(r, "test_defaults", "error", what)
    msg = r.message("test_defaults")
    check(err.strip() in msg and "exited with status 3" in msg,
          "%s: the error names the status and memscope's stderr: %r" % (what, msg))
    check("failed" not in r.out.splitlines()[-1],
          "%s: counted as an error, not a failure: %s" % (what, r.out.splitlines()[-1:]))
    calls = fake_calls(env["FAKE_LOG"])
    if calls:
        argv = calls[-1]["argv"]
        check(argv[8:10] == ["--baseline", os.path.join(folder, "conf", "base", "ini.txt")],
              "%s: the ini file's baseline, relative to its folder: %s" % (what, argv))
        check(len(calls[-1]["dumps"]) == 6, "%s: defaults give 6 dumps: %d" % (
            what, len(calls[-1]["dumps"])))
    check(r.count("calls.txt") == 7, "%s: 2 + 5 calls: %d" % (what, r.count("calls.txt")))


def check_setup_errors(py, tmp):
    """No memscope, bad marker arguments: errors at setup, bodies not run."""
    folder = os.path.join(tmp, "missing")
    r = Run(py, folder, MISSING_TESTS, (), {"MEMSCOPE": os.path.join(tmp, "no-such-memscope")})
    what = "MEMSCOPE missing"
    expect(r, "test_marked", "error", what)
    check("is not an executable file" in r.message("test_marked"),
          "%s: message %r" % (what, r.message("test_marked")))
    expect(r, "test_unmarked", "passed", what)
    check(r.count("calls.txt") == 0, "%s: the marked body ran" % what)

    folder = os.path.join(tmp, "nopath")
    r = Run(py, folder, MISSING_TESTS, (), {"PATH": "/usr/bin:/bin"})
    what = "no memscope on PATH"
    check(r.outcome("test_marked") == "error" and "memscope not found" in r.message("test_marked"),
          "%s: %s %r" % (what, r.outcome("test_marked"), r.message("test_marked")))
    check(r.count("calls.txt") == 0, "%s: the marked body ran" % what)

    env = fake_env(tmp, "bad", 0)
    r = Run(py, os.path.join(tmp, "bad"), BAD_TESTS, (), env)
    what = "bad marker"
    check(r.outcome("test_one_run") == "error" and "runs must be an integer >= 2" in
          r.message("test_one_run"), "%s: runs=1: %s %r" % (what, r.outcome("test_one_run"),
                                                            r.message("test_one_run")))
    check(r.outcome("test_unknown_argument") == "error" and "unknown argument rounds" in
          r.message("test_unknown_argument"), "%s: rounds=3: %r" % (
              what, r.message("test_unknown_argument")))
    expect(r, "test_unmarked", "passed", what)
    check(r.count("calls.txt") == 0 and not fake_calls(env["FAKE_LOG"]),
          "%s: a body or memscope ran" % what)


def check_failing_body(py, tmp):
    """A body that fails on its third call fails as usual; memscope never runs."""
    env = fake_env(tmp, "raising", 7, CANNED)
    r = Run(py, os.path.join(tmp, "raising"), RAISING_TESTS, (), env)
    what = "failing body"
    check(r.outcome("test_third_call_fails") == "failed" and "call 3" in
          r.message("test_third_call_fails"), "%s: %s %r" % (
              what, r.outcome("test_third_call_fails"), r.message("test_third_call_fails")))
    check(not fake_calls(env["FAKE_LOG"]), "%s: memscope ran" % what)
    bt = os.path.join(tmp, "raising", "bt")
    left = [d for d in os.listdir(bt) if d.startswith("memscope-")] if os.path.isdir(bt) else []
    check(not left, "%s: dump folders left: %s" % (what, left))


def has_series(memscope):
    r = subprocess.run([memscope, "diff", "--help"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    return "--collections" in r.stdout


def collection_lines(msg):
    """The 'TYPE NAME: a -> b elements' lines of a failure message."""
    return re.findall(r"^  (\S+ \S+): \d+ -> \d+ elements", msg, re.M)


def check_real(py, tmp):
    """The real memscope: leaky fails, clean and bounded pass; a baseline."""
    env = {"MEMSCOPE": MEMSCOPE}
    r = Run(py, os.path.join(tmp, "real"), REAL_TESTS, (), env)
    what = "real memscope"
    for t, want in (("test_leaky", "failed"), ("test_clean", "passed"),
                    ("test_bounded", "passed"), ("test_unmarked", "passed")):
        check(r.outcome(t) == want, "%s: %s %s, want %s: %s" % (what, t, r.outcome(t), want,
                                                                r.message(t)[:2000]))
    msg = r.message("test_leaky")
    check("list LEAK" in collection_lines(msg),
          "%s: the leaky test's message names the list LEAK: %s" % (what, msg))
    check("--'LEAK'--> list" in msg, "%s: and its path: %s" % (what, msg))
    m = re.search(r"^dumps kept in (\S+) ", msg, re.M)
    if not m:
        r.show()
        return
    baseline = os.path.join(tmp, "known.baseline")
    w = subprocess.run([MEMSCOPE, "diff", "-q", "--write-baseline", baseline, m.group(1)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, universal_newlines=True)
    check(w.returncode == 0 and os.path.exists(baseline),
          "%s: --write-baseline exit %d: %s" % (what, w.returncode, w.stderr))
    r = Run(py, os.path.join(tmp, "real-known"), REAL_TESTS,
            ["--memscope-baseline", baseline], env)
    check(r.outcome("test_leaky") == "passed",
          "%s: the known leak passes with the baseline: %s %s" % (
              what, r.outcome("test_leaky"), r.message("test_leaky")))
    tests = REAL_TESTS.replace("LEAK = []", "LEAK = []\nLEAK2 = []").replace(
        "    # NEW LEAK", "    LEAK2.append(Item(len(LEAK2)))")
    r = Run(py, os.path.join(tmp, "real-new"), tests, ["--memscope-baseline", baseline], env)
    msg = r.message("test_leaky")
    check(r.outcome("test_leaky") == "failed" and collection_lines(msg) == ["list LEAK2"],
          "%s: a new leak beside the known one: only it is named: %s %s" % (
              what, r.outcome("test_leaky"), msg))


def main():
    py = pytest_python()
    if py is None:
        check(False, "no python3 with pytest: apt-get install -y python3-pytest")
        return summary("pytest")
    tmp = tempfile.mkdtemp(prefix="oracle-pytest-")
    try:
        check_fake_failure(py, tmp)
        check_fake_pass(py, tmp)
        check_fake_error(py, tmp)
        check_setup_errors(py, tmp)
        check_failing_body(py, tmp)
        check(has_series(MEMSCOPE), "%s diff lists --collections" % MEMSCOPE)
        check_real(py, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary("pytest")


if __name__ == "__main__":
    sys.exit(main())
