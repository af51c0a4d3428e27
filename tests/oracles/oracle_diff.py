#!/usr/bin/env python3
"""oracle_diff.py — memscope diff against what the programs did, and against
DevTools' own Comparison view.

  python  tests/python/diff_leak.py, under every CPython 3.8+ here, dumps
          itself before, after and final around a known leak (40 Leaked in a
          module list), objects released before final (30 Released) and
          short-lived ones (500 Temp): per-type new and freed equal the known
          counts; the leaks are exactly one cluster of the 40, through the
          holding global; Temp never appears; diff A A shows no change;
          --fail-over exits 7 one byte below the growth and 0 at it.
  v8      tests/v8/diff_scenario.js writes baseline, target and final from one
          Node process: every class's new, freed, alloc_bytes and freed_bytes
          equal DevTools' calculateSnapshotDiff (bundled by
          tests/v8/build_oracle.sh) on the same pair; LeakedThing is the top
          leak cluster, ReleasedThing is not leaked.
  aggregate  two unrelated dumps: a warning, identity "aggregate", per-type
          count and byte changes only.

Prints "diff: N passed, N failed".
"""
import csv
import io
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
BUILD = os.environ.get("BUILD", "build/rel")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
DUMPER_DIR = os.path.join(os.path.dirname(HERE), "src", "python")


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def tsv(text):
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def fail_over(label, args, limit):
    """--fail-over one byte below limit exits 7 with a reason; at limit, 0."""
    rc, _, err = memscope("diff", "--fail-over", str(limit - 1), *args)
    check(rc == 7 and "more than --fail-over" in err and err.count("\n") == 1,
          "%s: --fail-over %d exits 7 with one line: %d %r" % (label, limit - 1, rc, err))
    rc, _, err = memscope("diff", "--fail-over", str(limit), *args)
    check(rc == 0, "%s: --fail-over %d exits 0: %d %r" % (label, limit, rc, err))


def python_case(ver, exe, tmp):
    label = "python %s" % ver
    env = dict(os.environ, MEMSCOPE_DUMPER_DIR=DUMPER_DIR)
    p = subprocess.run([exe, os.path.join(HERE, "python", "diff_leak.py"), tmp],
                       capture_output=True, text=True, env=env, timeout=300)
    check(p.returncode == 0, "%s: diff_leak.py exit %d %s" % (label, p.returncode, p.stderr[-300:]))
    if p.returncode:
        return
    f = json.loads(p.stdout)
    b, a, fi = (os.path.join(tmp, n + ".jsonl") for n in ("before", "after", "final"))
    rc, out, err = memscope("diff", "-f", "tsv", "--top", "0", b, a)
    rows = {r["type"]: r for r in tsv(out)}
    leaked, released = rows.get("__main__.Leaked", {}), rows.get("__main__.Released", {})
    check(rc == 0 and leaked.get("new") == str(f["leaked"]) and leaked.get("freed") == "0" and
          leaked.get("delta") == str(f["leaked"]),
          "%s: %d Leaked new, none freed: %s" % (label, f["leaked"], leaked))
    check(released.get("new") == str(f["released"]) and released.get("freed") == "0",
          "%s: %d Released new: %s" % (label, f["released"], released))
    check("__main__.Temp" not in rows, "%s: the short-lived Temp objects do not appear" % label)
    check(int(leaked.get("alloc_bytes", 0)) > 0 and
          int(leaked.get("size_delta", 0)) == int(leaked.get("alloc_bytes", -1)),
          "%s: Leaked's size_delta is its alloc_bytes: %s" % (label, leaked))
    rc, out, err = memscope("diff", "--leaks", "-f", "tsv", b, a, fi)
    cl = tsv(out)
    check(rc == 0 and len(cl) == 1 and cl[0]["type"] == "__main__.Leaked" and
          cl[0]["count"] == str(f["leaked"]) and "'LEAKS'" in cl[0]["path"],
          "%s: the leaks are one cluster of the %d Leaked, through LEAKS: %s"
          % (label, f["leaked"], cl))
    rc, out, _ = memscope("diff", "-f", "json", b, a, fi)
    j = json.loads(out) if rc == 0 else {}
    lk = j.get("leaks") or [{}]
    # Each Leaked brings its bytearray, and before 3.11 its __dict__ too.
    per = 2 if tuple(map(int, ver.split(".")[:2])) >= (3, 11) else 3
    check(j.get("identity") == "id+type" and len(lk) == 1 and len(lk[0].get("ids", [])) == 40 and
          [x["edge"] for x in lk[0].get("path", [])][-2:] == ["'LEAKS'", "[0]"] and
          j.get("leaked_objects") == per * f["leaked"],
          "%s: JSON leaks: 40 ids, the path through LEAKS, %d objects with what each holds: %s"
          % (label, per * f["leaked"], j.get("leaked_objects")))
    rc, out, _ = memscope("diff", "-f", "json", a, a)
    j2 = json.loads(out) if rc == 0 else {}
    check(rc == 0 and j2.get("types") == [] and j2.get("grown") == [] and
          j2.get("matched") == j2.get("after", {}).get("objects"),
          "%s: diff A A shows no change" % label)
    grew = j["after"]["reachable_bytes"] - j["before"]["reachable_bytes"]
    fail_over(label + " two dumps", [b, a], grew)
    fail_over(label + " three dumps", [b, a, fi], j["leaked_retained"])


def v8_case(tmp):
    if not shutil.which("node"):
        check(False, "node is not installed: the V8 diff tests cannot run")
        return
    oracle_dir = os.path.abspath(os.path.join(BUILD, "devtools"))
    p = subprocess.run(["sh", os.path.join(HERE, "v8", "build_oracle.sh"), oracle_dir],
                       capture_output=True, text=True, timeout=900)
    oracle = os.path.join(oracle_dir, "devtools-oracle.mjs")
    check(p.returncode == 0, "DevTools' model builds: %s" % p.stderr[-300:])
    p = subprocess.run(["node", os.path.join(HERE, "v8", "diff_scenario.js"), tmp],
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, "v8: diff_scenario.js exit %d %s" % (p.returncode, p.stderr[-300:]))
    if p.returncode:
        return
    f = json.loads(p.stdout)
    b, a, fi = (os.path.join(tmp, n + ".heapsnapshot") for n in ("baseline", "target", "final"))
    p = subprocess.run(["node", oracle, a, "--diff", b], capture_output=True, text=True,
                       timeout=600)
    check(p.returncode == 0, "v8: DevTools diff exit %d %s" % (p.returncode, p.stderr[-300:]))
    dt = {r["class"]: r for r in tsv(p.stdout)}
    rc, out, err = memscope("diff", "-f", "tsv", "--top", "0", b, a)
    ms = {r["type"]: r for r in tsv(out)}
    keys = ("new", "freed", "alloc_bytes", "freed_bytes")
    bad = []
    for c in set(dt) | set(ms):
        want = [dt[c][k] if c in dt else "0" for k in keys]
        got = [ms[c][k] if c in ms else "0" for k in keys]
        if want != got:
            bad.append((c, got, want))
    check(rc == 0 and len(dt) > 3 and not bad,
          "v8: every class's new, freed, alloc_bytes, freed_bytes equal DevTools' "
          "calculateSnapshotDiff (%d classes); differ: %s" % (len(dt), bad[:5]))
    print("diff: v8: %d classes equal to DevTools' Comparison view" % len(dt))
    rc, out, _ = memscope("diff", "-f", "json", b, a, fi)
    cl = json.loads(out)["leaks"] if rc == 0 else []
    check(rc == 0 and cl and cl[0]["type"] == "LeakedThing" and
          cl[0]["type_count"] == f["leaked"] and cl[0]["name"] == "leakedThings" and
          "leakedThings" in [x["edge"] for x in cl[0]["path"]],
          "v8: the top leak cluster is the %d LeakedThing, named leakedThings: %s" %
          (f["leaked"], [(c["type"], c["type_count"], c["name"]) for c in cl[:2]]))
    check(not [c for c in cl if c["type"] == "ReleasedThing"],
          "v8: ReleasedThing, released before final, is not leaked")
    rc, out, _ = memscope("diff", "-f", "json", b, a)
    check(rc == 0 and json.loads(out)["identity"] == "id", "v8: identity is id")


def aggregate_case():
    rc, out, err = memscope("diff", "-f", "json", "testdata/leak.jsonl", "testdata/demo.jsonl")
    j = json.loads(out) if rc == 0 else {}
    rows = {r["type"]: r for r in j.get("types", [])}
    check(rc == 0 and "share almost no objects" in err and j.get("identity") == "aggregate" and
          rows.get("bytes", {}).get("new") is None and
          rows.get("bytes", {}).get("delta") == 300 - 13 and j.get("grown") == [],
          "aggregate: unrelated dumps compare by type, with a warning: %r %s"
          % (err, rows.get("bytes")))


def main():
    tmp = tempfile.mkdtemp(prefix="memscope-diff-")
    vers = pythons()
    check(len(vers) >= 1, "a CPython 3.8+ to run")
    for ver, exe in vers:
        d = os.path.join(tmp, "py" + ver)
        os.mkdir(d)
        python_case(ver, exe, d)
    print("diff: python: %s" % ", ".join(v for v, _ in vers))
    d = os.path.join(tmp, "v8")
    os.mkdir(d)
    v8_case(d)
    aggregate_case()
    shutil.rmtree(tmp)
    return summary("diff")


if __name__ == "__main__":
    sys.exit(main())
