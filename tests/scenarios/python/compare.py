"""compare.py [--keep DIR] [--series N] [NAME...]: runs the Python leak
scenarios of this directory and compares what memscope, objgraph and
tracemalloc say about each planted leak. Run with /usr/bin/python3
(objgraph installed).

With --series N, each scenario runs in series mode (SCENARIO_SERIES=N,
tests/scenarios/README.md) instead, and the table gives memscope's first
growing collection and first type that grew in every interval (`diff` of
the N dumps) beside objgraph's first growing type in each interval of
the same schedule.

Each scenario runs twice: once as the oracle runs it (three dumps and
expect.json), once with SCENARIO_PEERS=1 (objgraph.growth() and
tracemalloc snapshots at the same checkpoints, peers.json). The table
gives, per scenario: the leak kind and its share of the heap; objgraph's
first growing type between checkpoints 2 and 3, and whether it is a type
the leak accumulates; tracemalloc's top compare_to(..., "lineno") line
between the same checkpoints, and whether it is a line of the scenario
marked "leak site" (where the leak keeps what it holds) or, short of
that, "leaked data" (where what it holds is allocated); memscope's rank
of the leak among the clusters of `diff 1 2 3` and among the suspects
of `analyze 2` (default threshold), out of how many listed. A cluster or suspect is the leak by the rules of
tests/scenarios/README.md: its id or a path step's id is in leak.ids, a
path step's edge (quotes stripped) or name is in leak.names, or its type
or what it holds is in leak.types.

Environment: MEMSCOPE (default: the repository's ./memscope),
MEMSCOPE_DUMPER_DIR (default: the repository's src/python)."""
import json
import os
import subprocess
import sys
import tempfile
import time

import kit

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
MEMSCOPE = os.environ.get("MEMSCOPE", os.path.join(REPO, "memscope"))
DUMPER = os.environ.get("MEMSCOPE_DUMPER_DIR", os.path.join(REPO, "src", "python"))
PYTHON = "/usr/bin/python3"
MARK = "leak site"
DATA_MARK = "leaked data"


def scenarios():
    return sorted(f[:-3] for f in os.listdir(HERE)
                  if f.endswith(".py") and f not in (os.path.basename(__file__), "kit.py"))


def run(name, out, peers, series=0):
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, MEMSCOPE_DUMPER_DIR=DUMPER)
    env.pop(kit.PEERS_ENV, None)
    env.pop(kit.SERIES_ENV, None)
    if peers:
        env[kit.PEERS_ENV] = "1"
    if series:
        env[kit.SERIES_ENV] = str(series)
    t = time.monotonic()
    p = subprocess.run([PYTHON, os.path.join(HERE, name + ".py"), out], env=env,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("%s%s failed:\n%s" % (name, " (peers)" if peers else "", p.stderr))
    return time.monotonic() - t


def memscope(command, *files):
    p = subprocess.run([MEMSCOPE, command, "-q", "-f", "json"] + list(files),
                       capture_output=True, text=True)
    if p.returncode not in (0, 7):
        raise SystemExit("memscope %s failed:\n%s" % (command, p.stderr))
    return json.loads(p.stdout)


def holds_types(item):
    h = item.get("holds")
    if isinstance(h, dict):
        return [h.get("type")]
    if isinstance(h, list):
        return [x.get("type") for x in h if isinstance(x, dict)]
    return []


def is_leak(item, leak):
    ids, names, types = set(leak["ids"]), set(leak["names"]), set(leak["types"])
    if item.get("id") in ids or item.get("type") in types:
        return True
    if any(t in types for t in holds_types(item)):
        return True
    for step in item.get("path") or ():
        edge = step.get("edge")
        if edge and len(edge) >= 2 and edge[0] == edge[-1] and edge[0] in "'\"":
            edge = edge[1:-1]
        if step.get("id") in ids or edge in names or step.get("name") in names:
            return True
    return False


def rank(items, leak):
    for i, item in enumerate(items, 1):
        if is_leak(item, leak):
            return "%d of %d" % (i, len(items))
    return "not listed (%d)" % len(items)


def marked_lines(script, mark):
    with open(script, encoding="utf-8") as f:
        return {i for i, line in enumerate(f, 1) if mark in line}


def compare(name, base):
    out, pout = os.path.join(base, name), os.path.join(base, name, "peers")
    seconds = run(name, out, False)
    run(name, pout, True)
    with open(os.path.join(out, "expect.json")) as f:
        expect = json.load(f)
    with open(os.path.join(pout, "peers.json")) as f:
        peers = json.load(f)
    d = memscope("diff", *(os.path.join(out, n + ".jsonl") for n in kit.CHECKPOINTS))
    a = memscope("analyze", os.path.join(out, "2.jsonl"))
    growth = peers["objgraph_2_3"]
    og = growth[0][0] if growth else "(none)"
    og_leak = "yes" if og in peers["leaked_types"] else "no"
    top = peers["tracemalloc_2_3"]
    if top:
        t = top[0]
        tm = "%s:%d (%+d B)" % (os.path.basename(t["file"]), t["line"], t["size_diff"])
        tm_leak = "no"
        if os.path.abspath(t["file"]) == peers["script"]:
            if t["line"] in marked_lines(peers["script"], MARK):
                tm_leak = "yes"
            elif t["line"] in marked_lines(peers["script"], DATA_MARK):
                tm_leak = "no: where the leaked data is allocated"
    else:
        tm, tm_leak = "(none)", "no"
    return {"scenario": name, "kind": peers["kind"], "leak_percent": expect["leak_percent"],
            "objgraph": og, "objgraph_leak": og_leak, "tracemalloc": tm,
            "tracemalloc_leak": tm_leak, "diff_rank": rank(d.get("leaks") or [], expect["leak"]),
            "analyze_rank": rank(a.get("suspects") or [], expect["leak"]),
            "objects": [d["before"]["reachable_objects"], d["after"]["reachable_objects"],
                        d["final"]["reachable_objects"]],
            "seconds": round(seconds, 1)}


def compare_series(name, base, n):
    """One row of the --series table: memscope's first growing collection
    and type over the n dumps, objgraph's first growing type per interval
    (an asterisk marks a type the leak accumulates)."""
    out = os.path.join(base, name)
    pout = os.path.join(out, "peers")
    run(name, out, False, n)
    run(name, pout, True, n)
    with open(os.path.join(out, "expect.json")) as f:
        expect = json.load(f)
    with open(os.path.join(pout, "peers.json")) as f:
        peers = json.load(f)
    p = subprocess.run([MEMSCOPE, "diff", "-q", "-f", "json"] +
                       [os.path.join(out, "%d.jsonl" % k) for k in range(1, n + 1)],
                       capture_output=True, text=True)
    d = json.loads(p.stdout) if p.returncode in (0, 7) else {}
    series = d.get("series") or {}
    colls = series.get("collections") or []
    if colls:
        c = colls[0]
        coll = "%s %s%s" % (c.get("type"), c.get("name") or c.get("signature"),
                            "" if is_leak(c, dict(expect["leak"], types=[])) else " (not the leak)")
    else:
        coll = "(none)" if "series" in d else "(no series: memscope too old)"
    grew = [t["type"] for t in series.get("types") or [] if t.get("grew_every")]
    og = []
    for k in range(1, n):
        g = peers["objgraph_%d_%d" % (k, k + 1)]
        og.append("%s +%d%s" % (g[0][0], g[0][2], "*" if g[0][0] in peers["leaked_types"] else "")
                  if g else "(none)")
    return {"scenario": name, "collection": coll, "type": grew[0] if grew else "(none)",
            "objgraph": og}


def main_series(names, base, n):
    print("| scenario | memscope first growing collection | memscope first growing type | " +
          " | ".join("objgraph %d->%d" % (k, k + 1) for k in range(1, n)) + " |")
    print("|" + "---|" * (n + 2))
    for name in names:
        r = compare_series(name, base, n)
        print("| %s | %s | %s | %s |" % (r["scenario"], r["collection"], r["type"],
                                          " | ".join(r["objgraph"])))
        sys.stderr.write("%s done\n" % name)


def main(argv):
    keep = None
    if argv[:1] == ["--keep"]:
        keep, argv = argv[1], argv[2:]
    if argv[:1] == ["--series"]:
        base = keep or tempfile.mkdtemp(prefix="memscope-series-")
        main_series(argv[2:] or scenarios(), base, int(argv[1]))
        if keep is None:
            sys.stderr.write("outputs in %s\n" % base)
        return
    names = argv or scenarios()
    base = keep or tempfile.mkdtemp(prefix="memscope-scenarios-")
    rows = []
    for n in names:
        rows.append(compare(n, base))
        sys.stderr.write("%s done\n" % n)
    cols = [("scenario", "scenario"), ("leak kind", "kind"), ("leak %", "leak_percent"),
            ("objgraph first (2->3)", "objgraph"), ("leaked type?", "objgraph_leak"),
            ("tracemalloc top (2->3)", "tracemalloc"), ("leak line?", "tracemalloc_leak"),
            ("memscope diff rank", "diff_rank"), ("memscope analyze rank", "analyze_rank"),
            ("reachable objects 1/2/3", "objects"), ("run s", "seconds")]
    print("| " + " | ".join(c for c, _ in cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join("/".join(map(str, r[k])) if isinstance(r[k], list) else str(r[k])
                                for _, k in cols) + " |")
    if keep is None:
        sys.stderr.write("outputs in %s\n" % base)


if __name__ == "__main__":
    main(sys.argv[1:])
