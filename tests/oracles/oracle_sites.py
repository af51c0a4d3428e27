#!/usr/bin/env python3
"""oracle_sites.py — Python allocation sites against what the program did.

tests/python/sites_program.py, run under memscope_dump.py --trace 5 with
every CPython 3.8+ here, makes known numbers of objects at known lines and
holds them: 70 Slot objects at one line, 50 in a helper called from two
lines (30 and 20), 40 instances of an ordinary class (which CPython 3.11's
tracemalloc misses without the dumper's workaround). Checks that:

  - memscope sites counts exactly those objects of those types at those
    lines (innermost frame);
  - a site's retained bytes are its objects' (leaves: their own bytes);
  - --cumulative credits the helper's two call lines with 30 and 20, and
    the line that called the caller with all 50;
  - --frames 2 keeps the 50 under stacks that begin at the helper's line;
  - show gives an object's allocating line;
  - diff --by site of a dump taken before the allocations and one after
    sees the new objects at their lines (tracemalloc's compare_to);
  - a dump without --trace has no sites (exit 1).

Prints "sites: N passed, N failed".
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from oracle_python import pythons
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
DUMPER = os.path.join(os.path.dirname(HERE), "src", "python", "memscope_dump.py")
PROGRAM = os.path.join(HERE, "python", "sites_program.py")


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def by_type(dump, *opts):
    """{(site, type): (count, bytes)} and {site: row} from memscope sites."""
    rc, out, err = memscope("sites", "-f", "json", "--top", "0", *opts, dump)
    rows = json.loads(out)["sites"] if rc == 0 else []
    types = {}
    for r in rows:
        for t in r["types"]:
            types[(r["site"], t["type"])] = (t["count"], t["bytes"])
    return types, {r["site"]: r for r in rows}


def case(ver, exe, tmp):
    label = "python %s" % ver
    dump = os.path.join(tmp, "sites-%s.jsonl" % ver)
    before = os.path.join(tmp, "before-%s.jsonl" % ver)
    p = subprocess.run([exe, DUMPER, "-o", dump, "--trace", "5", PROGRAM], capture_output=True,
                       text=True, timeout=300, env=dict(os.environ, SITES_BEFORE=before))
    check(p.returncode == 0, "%s: dumper exit %d %s" % (label, p.returncode, p.stderr[-300:]))
    if p.returncode:
        return
    f = json.loads(p.stdout.splitlines()[0])
    at = lambda key: "%s:%d" % (f["file"], f[key][0])
    types, rows = by_type(dump)
    for key, tname in (("direct", "__main__.Slot"), ("make", "__main__.Slot"),
                       ("plain", "__main__.Plain")):
        got = types.get((at(key), tname), (0, 0))[0]
        check(got == f[key][1], "%s: %d %s made at %s: %d" % (label, f[key][1], tname, at(key), got))
    slots = sum(c for (s, t), (c, _) in types.items() if t == "__main__.Slot")
    check(slots == 120, "%s: the 120 Slot objects all have their site: %d" % (label, slots))
    d = rows.get(at("direct"), {})
    check(d.get("retained") == d.get("bytes") and d.get("count") == 70,
          "%s: a site of leaves retains its own bytes: %s" % (label, d))
    types, rows = by_type(dump, "--cumulative")
    for key in ("twice_a", "twice_b"):
        got = types.get((at(key), "__main__.Slot"), (0, 0))[0]
        check(got == f[key][1], "%s: cumulative credits the call at %s with %d: %d"
              % (label, at(key), f[key][1], got))
    types, rows = by_type(dump, "--frames", "2")
    got = sum(c for (s, t), (c, _) in types.items()
              if t == "__main__.Slot" and s.startswith(at("make") + " <- "))
    check(got == f["make"][1], "%s: --frames 2 keeps the %d under %s: %d"
          % (label, f["make"][1], at("make"), got))
    rc, out, _ = memscope("path", "-f", "json", dump, "type:__main__.Plain")
    oid = json.loads(out)["id"] if rc == 0 else 0
    rc, out, _ = memscope("show", "-f", "json", dump, str(oid))
    site = json.loads(out).get("site") if rc == 0 else None
    check(site and site[0] == at("plain"), "%s: show gives the Plain's line %s: %s"
          % (label, at("plain"), site and site[:2]))
    rc, out, _ = memscope("diff", "--by", "site", "-f", "tsv", "--top", "0", before, dump)
    rows = {r.split("\t")[0]: r.split("\t") for r in out.splitlines()[1:]}
    for key in ("direct", "make", "plain"):
        row = rows.get(at(key), [])
        # The list holding the Plain objects is made at their line too; 3.12+
        # inline the comprehension and tracemalloc gives it to no line.
        want = [str(f[key][1]), str(f[key][1] + 1)] if key == "plain" else [str(f[key][1])]
        check(rc == 0 and len(row) > 2 and row[1] in want and row[2] == "0",
              "%s: diff --by site: %d new objects at %s: %s"
              % (label, f[key][1], at(key), row[:3]))


def main():
    tmp = tempfile.mkdtemp(prefix="memscope-sites-")
    vers = pythons()
    check(vers, "a CPython 3.8+ to run")
    for ver, exe in vers:
        case(ver, exe, tmp)
    print("sites: python: %s" % ", ".join(v for v, _ in vers))
    plain = os.path.join(tmp, "plain.jsonl")
    p = subprocess.run([sys.executable, DUMPER, "-o", plain, PROGRAM], capture_output=True,
                       text=True, timeout=300)
    rc, _, err = memscope("sites", plain)
    check(p.returncode == 0 and rc == 1 and "no allocation sites" in err,
          "without --trace, no sites: %d %r" % (rc, err))
    shutil.rmtree(tmp)
    return summary("sites")


if __name__ == "__main__":
    sys.exit(main())
