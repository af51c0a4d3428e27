#!/usr/bin/env python3
"""check_nomem.py — running out of memory anywhere ends with exit 6 and one
message, never a crash, a hang or a file left behind.

Uses make check's failure-injecting build, $BUILD/memscope-faults, in which
MEMSCOPE_FAIL_ALLOC=N makes the Nth allocation fail. For every command
below, N runs over every allocation up to 400 and then steps by a tenth
each time, up to the first N the command no longer reaches (it then
succeeds). Each failing run must:
- exit with 6 (MS_EXIT_NOMEM), not a signal;
- end its stderr with "memscope: out of memory (K bytes)", with no
  sanitizer report anywhere;
- leave no output file and no temporary file beside it (-o commands).
The commands cover the readers (native with two threads, V8, Ruby, a gzip
file), every analysis, every report format, diff of three dumps, the HTML
report and a diagram rendered by libgvc. Allocations made inside libgvc are its
own: only memscope's fail here.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

BUILD = os.environ.get("BUILD", "build/rel")
FAULTS = os.path.join(BUILD, "memscope-faults")
GENDUMP = os.path.join(BUILD, "gendump")
EVERY = 400
OOM = re.compile(r"^memscope: out of memory \(\d+ bytes\)$")



def run(args, n):
    env = dict(os.environ, MEMSCOPE_FAIL_ALLOC=str(n))
    p = subprocess.run([FAULTS] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=env, timeout=120)
    return p.returncode, p.stderr.decode(errors="replace")


def scenario(name, args, out_dir, output=None):
    """Fails each allocation of `memscope ARGS` in turn (as described
    above) until the command succeeds."""
    n, runs = 1, 0
    while True:
        rc, err = run(args, n)
        runs += 1
        if rc == 0:
            check(n > 1, "%s: succeeded without failing any allocation" % name)
            if output:
                check(os.path.exists(output), "%s: succeeded without writing %s" % (name, output))
                os.unlink(output)
            break
        lines = err.rstrip("\n").split("\n")
        ok = (rc == 6 and OOM.match(lines[-1]) and "Sanitizer" not in err
              and "runtime error" not in err)
        check(ok, "%s: allocation %d: exit %d, stderr %r" % (name, n, rc, err[-400:]))
        if output:
            left = sorted(os.listdir(out_dir))
            check(not left, "%s: allocation %d left %s behind" % (name, n, left))
            for f in left:
                os.unlink(os.path.join(out_dir, f))
        if not ok:
            break
        n = n + 1 if n < EVERY else n + n // 10
    print("nomem: %s: %d runs, the last reached allocation %d" % (name, runs, n))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.jsonl")
        # Over 8 MiB: the native reader parses it on two threads.
        subprocess.run([GENDUMP, "-n", "90000", "-s", "3", "-o", big], check=True)
        out_dir = os.path.join(tmp, "out")
        os.mkdir(out_dir)
        page = os.path.join(out_dir, "page.html")
        svg = os.path.join(out_dir, "why.svg")
        cases = [
            ("analyze native", ["analyze", "testdata/demo.jsonl"]),
            ("analyze two threads", ["analyze", "-f", "json", big]),
            ("analyze v8", ["analyze", "-f", "json", "testdata/v8/dom.heapsnapshot"]),
            ("analyze ruby", ["analyze", "testdata/ruby/small.json"]),
            ("analyze gzip", ["analyze", "testdata/small-two-members.jsonl.gz"]),
            ("dominators", ["dominators", "-f", "tsv", "testdata/leak.jsonl"]),
            ("cycles", ["cycles", "--members", "testdata/demo.jsonl"]),
            ("garbage", ["garbage", "-f", "json", "testdata/demo.jsonl"]),
            ("sites", ["sites", "testdata/sites.jsonl"]),
            ("diff", ["diff", "-f", "json", "testdata/diff/before.jsonl",
                      "testdata/diff/after.jsonl", "testdata/diff/final.jsonl"]),
        ]
        for name, args in cases:
            scenario(name, args, out_dir)
        scenario("report", ["report", "-o", page, "testdata/leak.jsonl"], out_dir, page)
        scenario("graph", ["graph", "--backrefs", "type:app.Session", "-o", svg,
                           "testdata/leak.jsonl"], out_dir, svg)
    return summary("nomem")


if __name__ == "__main__":
    sys.exit(main())
