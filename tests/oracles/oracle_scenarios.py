#!/usr/bin/env python3
"""oracle_scenarios.py — memscope's leak findings on realistic services with
one planted leak each (tests/scenarios/README.md says what a scenario is).

For every scenario under tests/scenarios/{python,node,ruby}: run it (its
three dumps are kept in build/scenarios/, keyed by the scenario's text, its
folder's kit (kit.py, kit.js, kit.rb: what the scenarios share), the
dumper's and the runtime's version, so the sanitizer run reuses them), then:

  diff 1 2 3   the leak is cluster #1 and no other cluster is the leak; at
               most 5 other clusters, retaining under 10% of the leak's
               bytes together.
  analyze 2    the leak is among the first 3 suspects; no suspect is the
               runtime's baseline (a module, a class, code, the VM's own
               objects, the allocation tracer's table, a group of names).

A suspect or cluster is the leak when its id or an id on its path is in
the scenario's leak.ids, a name on its path (an edge name, quotes taken
off) is in leak.names, or its type or what it holds is in leak.types.

  --only NAME   run the scenarios whose name contains NAME
  --table       print the results as a Markdown table (for docs)

Prints "scenarios: N passed, N failed".
"""
import hashlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
ROOT = os.path.dirname(HERE)
SCEN = os.path.join(HERE, "scenarios")
CACHE = os.path.join(ROOT, "build", "scenarios")
DUMPER = os.path.join(ROOT, "src", "python", "memscope_dump.py")

RUNTIMES = {
    # runtime: (extension, how to run NAME OUTDIR, files whose text keys the cache)
    "python": ("jsonl", lambda s, out: ["/usr/bin/python3", s, out], [DUMPER]),
    "node": ("heapsnapshot", lambda s, out: ["node", "--expose-gc", s, out], []),
    "ruby": ("json", lambda s, out: ["ruby", s, out], []),
}

# Types that are the runtime's baseline: never a suspect.
BASELINE_TYPES = {
    "python": {"module", "type", "function", "code", "builtin_function_or_method",
               "method_descriptor", "wrapper_descriptor", "getset_descriptor",
               "member_descriptor", "_frozen_importlib.ModuleSpec"},
    "node": {"(compiled code)", "(code)", "(system)", "(object shape)", "(array)",
             "system / Map", "(concatenated string)", "(sliced string)"},
    "ruby": {"Class", "Module", "IMEMO", "ICLASS", "NODE", "SYMBOL"},
}
# Group suspects of these types are the runtime's names and namespaces.
BASELINE_GROUPS = {"str", "dict", "tuple", "String", "Symbol", "(string)", "string"}


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return ""


def node_modules():
    """Installs the Node scenarios' packages once (install.sh); returns the
    node_modules folder, or None if it cannot."""
    d = os.path.join(CACHE, "npm")
    p = subprocess.run(["sh", os.path.join(SCEN, "node", "install.sh"), d],
                       capture_output=True, text=True, timeout=900)
    if p.returncode:
        print("scenarios: node packages not installed: %s" % (p.stderr or p.stdout)[-400:])
        return None
    return os.path.join(d, "node_modules")


def dumps(runtime, script, env, count=3, cache=CACHE):
    """Runs the scenario unless its dumps are cached (in cache, keyed as
    above); returns the folder, which holds dumps 1 .. count."""
    ext, cmd, keyed = RUNTIMES[runtime]
    h = hashlib.sha256()
    kit = [os.path.join(os.path.dirname(script), f) for f in sorted(os.listdir(os.path.dirname(script)))
           if f.startswith("kit.")]
    for f in [script] + kit + keyed:
        with open(f, "rb") as fh:
            h.update(fh.read())
    h.update(version([cmd("", "")[0], "--version"]).encode())
    name = os.path.splitext(os.path.basename(script))[0]
    out = os.path.join(cache, runtime, name + "-" + h.hexdigest()[:16])
    if os.path.exists(os.path.join(out, "expect.json")):
        return out
    os.makedirs(out, exist_ok=True)
    p = subprocess.run(cmd(script, out), capture_output=True, text=True, env=env, timeout=300)
    ok = p.returncode == 0 and all(os.path.exists(os.path.join(out, "%d.%s" % (k, ext)))
                                   for k in range(1, count + 1))
    check(ok, "%s/%s: the scenario ran (exit %d): %s" % (runtime, name, p.returncode,
                                                          (p.stderr or p.stdout)[-400:]))
    if not ok:
        return None
    with open(os.path.join(out, "expect.json")) as f:
        json.load(f)
    return out


def memscope(*args):
    p = subprocess.run([MEMSCOPE, args[0], "-q", "-f", "json"] + list(args[1:]),
                       capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def unquote(s):
    if s and len(s) >= 2 and s[0] in "'\"" and s[-1] == s[0]:
        return s[1:-1]
    return s


def matches(item, want):
    """Whether a suspect or cluster (JSON) is what want ({names, ids, types})
    describes."""
    ids = set(want.get("ids") or [])
    names = set(want.get("names") or [])
    types = set(want.get("types") or [])
    if item.get("id") in ids or item.get("holder") in ids:
        return True
    if item.get("type") in types or (item.get("holds") or {}).get("type") in types:
        return True
    if unquote(item.get("name")) in names:
        return True
    for step in item.get("path") or []:
        if step.get("id") in ids or unquote(step.get("edge")) in names or \
                step.get("name") in names:
            return True
    return False


def judge(runtime, name, out, rows):
    ext = RUNTIMES[runtime][0]
    with open(os.path.join(out, "expect.json")) as f:
        exp = json.load(f)
    leak, legit = exp["leak"], exp.get("legit") or []
    d = [os.path.join(out, "%d.%s" % (k, ext)) for k in (1, 2, 3)]
    label = "%s/%s" % (runtime, name)

    rc, text, err = memscope("diff", "--top", "0", *d)
    check(rc == 0, "%s: diff exit %d %s" % (label, rc, err[-300:]))
    clusters = json.loads(text)["leaks"] if rc == 0 else []
    is_leak = [matches(c, leak) for c in clusters]
    rank = is_leak.index(True) + 1 if True in is_leak else None
    others = [c for c, l in zip(clusters, is_leak) if not l]
    leak_bytes = sum(c["retained"] for c, l in zip(clusters, is_leak) if l)
    noise = sum(c["retained"] for c in others)
    check(rank == 1, "%s: diff: the leak is cluster #1 (rank %s of %d)" % (label, rank, len(clusters)))
    check(is_leak.count(True) <= 1, "%s: diff: the leak is one cluster (%d)" % (label, is_leak.count(True)))
    check(len(others) <= 5, "%s: diff: at most 5 other clusters (%d)" % (label, len(others)))
    check(noise * 10 < max(leak_bytes, 1),
          "%s: diff: the other clusters retain under 10%% of the leak (%d of %d)" %
          (label, noise, leak_bytes))

    rc, text, err = memscope("analyze", d[1])
    check(rc == 0, "%s: analyze exit %d %s" % (label, rc, err[-300:]))
    suspects = json.loads(text)["suspects"] if rc == 0 else []
    srank = next((k + 1 for k, s in enumerate(suspects) if matches(s, leak)), None)
    check(srank is not None and srank <= 3,
          "%s: analyze: the leak is among the first 3 suspects (rank %s)" % (label, srank))
    for s in suspects:
        base = s["type"] in BASELINE_TYPES[runtime] or \
            (s["kind"] == "group" and s["type"] in BASELINE_GROUPS) or \
            "allocation_info_tracer" in json.dumps(s["path"][-1:])
        check(not base or matches(s, leak) or any(matches(s, g) for g in legit),
              "%s: analyze: suspect %s %s is not the runtime's baseline" %
              (label, s["kind"], s["type"]))
    rows.append((runtime, name, exp.get("leak_percent"), rank, len(clusters),
                 round(100.0 * noise / max(leak_bytes, 1), 1), srank, len(suspects)))


def main():
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    table = "--table" in sys.argv
    rows = []
    for runtime in ("python", "ruby", "node"):
        folder = os.path.join(SCEN, runtime)
        scripts = sorted(f for f in os.listdir(folder)
                         if f.endswith((".py", ".js", ".rb")) and only in f
                         and not f.startswith(("compare.", "kit.")))
        if not scripts:
            continue
        env = dict(os.environ, MEMSCOPE_DUMPER_DIR=os.path.dirname(DUMPER))
        env.pop("SCENARIO_SERIES", None)  # three dumps, as the checks expect
        if runtime == "node":
            nm = node_modules()
            check(nm is not None, "node: the scenarios' packages installed")
            if nm is None:
                continue
            env["NODE_PATH"] = nm
        for s in scripts:
            out = dumps(runtime, os.path.join(folder, s), env)
            if out:
                judge(runtime, os.path.splitext(s)[0], out, rows)
    if table:
        print("| runtime | scenario | leak % | diff rank | clusters | noise % of leak | "
              "analyze rank | suspects |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            print("| %s | %s | %s | %s | %s | %s | %s | %s |" % r)
    return summary("scenarios")


if __name__ == "__main__":
    sys.exit(main())
