#!/usr/bin/env python3
"""check_fmt.py — the report page formats numbers as the C side does.

Runs the page's fmtBytes, fmtBytesDelta, fmtCount and fmtDelta (the
function statements at the top of src/report/html/report.js, loaded under
node without a browser) and src/report/fmt.c's ms_fmt_bytes,
ms_fmt_bytes_delta, ms_fmt_count and ms_fmt_delta (compiled here with
tests/report/print_fmt.c) on the same values, and compares the text: every
value 0-1100, each unit's boundary and its neighbours, the 1023.95 step up
to the next unit, exact ties of the one decimal (1280 = 1.25 KiB: printf
rounds them to even), powers of two and ten, 2^53 and 2^64-1, negative
changes, and random values across every magnitude.

The page reads its numbers with JSON.parse, so a value above 2^53 reaches
it rounded to a double; the C side turns it into that same double before
dividing, so bytes compare at every size, counts only up to 2^53.

Needs cc and node; run from the top of the repository (CC, NODE to
override). Prints "fmt: N passed, N failed".
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JS = os.path.join(ROOT, "src", "report", "html", "report.js")
NAMES = ("fmtBytes", "fmtBytesDelta", "fmtCount", "fmtDelta")
U64 = 2**64 - 1


def values():
    """The values to compare, boundaries first, then random ones."""
    v = set(range(0, 1101))
    for k in range(1, 7):
        unit = 1024**k
        for m in (1, 2, 10, 100, 512, 1000, 1023):
            for d in range(-3, 4):
                v.add(m * unit + d)
        # The step up: the smallest x with x / unit >= 1023.95, and around.
        step = -(-102395 * unit // 100)
        for d in range(-3, 4):
            v.add(step + d)
        # Exact ties of the one decimal: odd multiples of unit / 4.
        for odd in (1, 3, 5, 7, 9, 11, 21, 4095):
            v.add(odd * unit // 4 + unit)
            v.add(odd * unit // 4 * 10 + unit)
    for e in range(0, 64):
        for d in (-1, 0, 1):
            v.add(2**e + d)
    for e in range(0, 20):
        v.add(10**e)
    v.update((2**53 - 1, 2**53, 2**53 + 1, 2**63 - 1, 2**63, U64 - 1, U64))
    rnd = random.Random(1024)
    for _ in range(400):
        v.add(int(2 ** rnd.uniform(0, 64)) & U64)
    for _ in range(200):
        v.add(int(2 ** rnd.uniform(0, 53)))
    v = sorted(x for x in v if 0 <= x <= U64)
    negative = sorted({-x for x in v if 0 < x <= 2**63} | {-(2**63)})
    return v + negative


def js_functions():
    """The text of the formatting functions in report.js."""
    with open(JS) as f:
        text = f.read()
    parts = []
    for name in NAMES:
        m = re.search(r"^function %s\(.*?^}$" % name, text, re.M | re.S)
        check(m is not None, "report.js: no top-level function %s" % name)
        if m:
            parts.append(m.group(0))
    return "\n".join(parts)


def main():
    if not shutil.which(os.environ.get("NODE", "node")):
        print("fmt: node not found")
        return summary("fmt") or 1
    tmp = tempfile.mkdtemp(prefix="memscope-fmt-")
    try:
        exe = os.path.join(tmp, "print_fmt")
        cc = os.environ.get("CC", "cc")
        p = subprocess.run([cc, "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror",
                            "-I", os.path.join(ROOT, "include"), "-o", exe,
                            os.path.join(HERE, "print_fmt.c"),
                            os.path.join(ROOT, "src", "report", "fmt.c")],
                           capture_output=True, text=True)
        check(p.returncode == 0, "print_fmt.c does not build: %s" % p.stderr)
        if p.returncode:
            return summary("fmt")
        vals = values()
        c = subprocess.run([exe], input="".join("%d\n" % x for x in vals),
                           capture_output=True, text=True)
        check(c.returncode == 0, "print_fmt failed: %d" % c.returncode)
        c_rows = [line.split("\t") for line in c.stdout.splitlines()]
        # The values go to node as JSON text, read by JSON.parse as the page
        # reads its data.
        script = js_functions() + """
const vals = JSON.parse(require('fs').readFileSync(0, 'utf8'));
for (const v of vals)
  console.log([fmtBytes, fmtBytesDelta, fmtCount, fmtDelta].map(f => f(v)).join('\\t'));
"""
        src = os.path.join(tmp, "fmt.js")
        with open(src, "w") as f:
            f.write(script)
        j = subprocess.run([os.environ.get("NODE", "node"), src],
                           input="[" + ",".join(str(x) for x in vals) + "]",
                           capture_output=True, text=True)
        check(j.returncode == 0, "node failed: %s" % j.stderr[-500:])
        js_rows = [line.split("\t") for line in j.stdout.splitlines()]
        check(len(c_rows) == len(vals) and len(js_rows) == len(vals),
              "rows: %d values, %d from C, %d from node" % (len(vals), len(c_rows), len(js_rows)))
        for x, cr, jr in zip(vals, c_rows, js_rows):
            bad = []
            for k, name in enumerate(NAMES):
                if cr[k] == "-":
                    continue  # out of the C function's range
                if name in ("fmtCount", "fmtDelta") and abs(x) > 2**53:
                    continue  # JSON.parse rounded the value
                if cr[k] != jr[k]:
                    bad.append("%s: C %r, page %r" % (name, cr[k], jr[k]))
            check(not bad, "%d: %s" % (x, "; ".join(bad)))
    finally:
        shutil.rmtree(tmp)
    return summary("fmt")


if __name__ == "__main__":
    sys.exit(main())
