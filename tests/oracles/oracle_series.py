#!/usr/bin/env python3
"""oracle_series.py — memscope's growth findings across six dumps of
realistic services whose planted leak grows by about 1% of the reachable
heap per interval (tests/scenarios/README.md says what a scenario is; with
SCENARIO_SERIES=6 it writes dumps 1 .. 6, each after a batch sized for that
growth).

Runs a subset of the scenarios in series mode (dumps kept in
build/scenarios/series/, keyed like oracle_scenarios.py's), then
`memscope diff -f json 1 .. 6` and checks, on its "series" object
(man/memscope.1's diff, the JSON of n dumps):

  (a) series.collections[0] is the leak: its id, or a path step's id, is in
      leak.ids, or its name, a path step's edge (quotes taken off) or node
      name is in leak.names;
  (b) the first type of series.types that grew in every interval grew
      inside the leak: at least half of its growth (last dump minus first)
      is the growth of its objects in the leak's dominator subtree
      (`memscope dominators --root LEAK` in the first and last dump). The
      leak's own types (leak.types, or HOLDS below for leaks of ordinary
      types) are printed beside it;
  (c) no growing collection is reached through a legitimate structure
      (its names or ids), unless it is the leak too: bounded caches, rings
      and loaded data fill up and hold steady;
  (d) the leak grew by 0.25% to 4% of the reachable heap in every interval
      (its retained bytes in the collection's row): the series is the slow
      leak it is meant to be.

and prints a table per scenario: the leak's rank among the growing
collections, how many grew, the first growing type, the leak's growth per
interval and each cohort's survival to the last dump (alive / new).

The subset: all of them take about 8 minutes on two cores, over the
3-minute budget of `make check`. These eight cover every structure the
series must tell apart:
  python/page_cache        dict cache (_PAGE_CACHE) beside a bounded session
                           LRU (OrderedDict), lru_cache and a deque ring
  python/metrics_deque     a deque without maxlen (_LATENCY_SAMPLES) beside
                           bounded ones
  python/event_bus         listener list of bound methods (a distinctive
                           class) beside lru_cache and a deque ring
  node/listener_per_request  EventEmitter listener array beside an LRU Map
                           and a capped ring
  node/unbounded_map_cache   Map cache of strings beside an LRU Map and a ring
  node/closure_registry    closures kept in a registry (python/closure_registry
                           leaks 6% of the heap in one request: it cannot be
                           slowed to 1% an interval)
  ruby/event_hooks         Array of hook procs beside a capped metrics Array
  ruby/global_response_cache Hash cache beside a bounded recent-queries ring

  --only NAME   run the subset's scenarios whose name contains NAME
  --all         every scenario, not the subset (about 8 minutes)
  --table       print the results as a Markdown table (for docs)

Prints "series: N passed, N failed".
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary
import oracle_scenarios as sc

DUMPS = 6
CACHE = os.path.join(sc.CACHE, "series")
SUBSET = [("python", "page_cache"), ("python", "metrics_deque"), ("python", "event_bus"),
          ("node", "listener_per_request"), ("node", "unbounded_map_cache"),
          ("node", "closure_registry"),
          ("ruby", "event_hooks"), ("ruby", "global_response_cache")]
# What a leak of ordinary types (leak.types empty) is made of, by the
# scenario's own description: the first growing type must be one of these.
HOLDS = {
    "python/page_cache": {"str"},
    "python/closure_registry": {"function", "cell", "bytes", "dict", "str", "tuple"},
    "python/metrics_deque": {"tuple", "str", "float"},
    "python/exception_log": {"str", "dict", "tuple", "list"},
    "node/unbounded_map_cache": {"string", "(string)", "(concatenated string)", "Object"},
    "node/audit_log_strings": {"string", "(string)", "(concatenated string)", "Object"},
    "node/closure_registry": {"closure", "(closure)", "Object", "string", "(string)"},
    "ruby/global_response_cache": {"String", "Hash", "Array"},
    "ruby/audit_log": {"String", "Hash"},
    "ruby/event_hooks": {"Proc", "Hash", "String", "Array"},
}
LOW, HIGH = 0.25, 4.0  # the leak's growth per interval, % of the reachable heap


def marks(want):
    """want ({names, ids, types}) without its types: a collection is the
    structure when its id, name or path says so, not its own type."""
    return {"names": want.get("names") or [], "ids": want.get("ids") or [], "types": []}


def type_bytes_under(path, root, type_name):
    """The shallow bytes of the objects of type type_name in root's dominator
    subtree (root included) in the dump at path; None if root is not there."""
    p = subprocess.run([sc.MEMSCOPE, "dominators", "-q", "-f", "tsv", "--root", str(root), path],
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        return None
    total = 0
    for line in p.stdout.splitlines()[1:]:
        f = line.split("\t")
        if len(f) > 2 and f[1] == type_name:
            total += int(f[2])
    return total


def judge(runtime, name, out, rows):
    """Checks (a) to (d) on one scenario's series; appends its table row."""
    ext = sc.RUNTIMES[runtime][0]
    label = "%s/%s" % (runtime, name)
    with open(os.path.join(out, "expect.json")) as f:
        exp = json.load(f)
    leak, legit = exp["leak"], exp.get("legit") or []
    files = [os.path.join(out, "%d.%s" % (k, ext)) for k in range(1, DUMPS + 1)]
    rc, text, err = sc.memscope("diff", *files)
    check(rc == 0, "%s: diff of %d dumps exit %d %s" % (label, DUMPS, rc, err[-300:]))
    doc = json.loads(text) if rc == 0 else {}
    series = doc.get("series")
    check(isinstance(series, dict), "%s: diff of %d dumps has a \"series\"" % (label, DUMPS))
    if not isinstance(series, dict):
        return
    colls = series.get("collections") or []
    types = series.get("types") or []
    cohorts = series.get("cohorts") or []
    reach = [d["reachable_bytes"] for d in doc.get("dumps") or []]

    is_leak = [sc.matches(c, marks(leak)) for c in colls]
    rank = is_leak.index(True) + 1 if True in is_leak else None
    first = colls[0] if colls else {}
    check(rank == 1, "%s: (a) the leak is the first growing collection (rank %s of %d; first: "
          "%s %s)" % (label, rank, len(colls), first.get("type"),
                      first.get("signature") or first.get("name")))

    grew = [t for t in types if t.get("grew_every")]
    top = grew[0]["type"] if grew else None
    share = None
    if grew and rank is not None:
        # The leak's part of the type's growth: its bytes of that type under
        # the leak (its dominator subtree) in the last dump minus the first.
        leak_id = colls[rank - 1]["id"]
        inside = [type_bytes_under(f, leak_id, top) for f in (files[0], files[-1])]
        if None not in inside and grew[0]["growth"] > 0:
            share = (inside[1] - inside[0]) / grew[0]["growth"]
    check(share is not None and share >= 0.5,
          "%s: (b) the first type that grew in every interval (%s) grew inside the leak "
          "(share of its growth %s; the leak holds %s)" % (
              label, top, "?" if share is None else "%.2f" % share,
              ", ".join(sorted(set(leak.get("types") or []) or HOLDS.get(label, set()))) or "?"))

    for c in colls:
        for g in legit:
            check(not sc.matches(c, marks(g)) or sc.matches(c, marks(leak)),
                  "%s: (c) legitimate %s is not growing (%s %s, elements %s)" %
                  (label, "/".join(g.get("names") or []) or g.get("ids"), c.get("type"),
                   c.get("signature") or c.get("name"), c.get("elements")))

    growth = []
    if rank is not None and len(reach) == DUMPS:
        r = colls[rank - 1]["retained"]
        growth = [round(100.0 * (r[k + 1] - r[k]) / reach[k], 2) for k in range(DUMPS - 1)]
        check(all(LOW <= g <= HIGH for g in growth),
              "%s: (d) the leak grew by %s%% to %s%% of the heap in every interval (%s)" %
              (label, LOW, HIGH, growth))
    survival = ["%d/%d" % (c["alive"], c["new"]) for c in cohorts]
    rows.append((runtime, name, rank, len(colls),
                 "%s (%s inside the leak)" % (top, "?" if share is None else "%.0f%%" % (100 * share)),
                 " ".join("%.2f" % g for g in growth) or "-", " ".join(survival) or "-"))
    print("%s: leak rank %s of %d growing collections; first growing type %s; leak growth "
          "%%/interval %s; cohorts alive/new %s" % (label, rank, len(colls), top,
                                                    growth or "-", survival or "-"))


def main():
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    table = "--table" in sys.argv
    rows = []
    for runtime in ("python", "ruby", "node"):
        folder = os.path.join(sc.SCEN, runtime)
        if "--all" in sys.argv:
            names = sorted(os.path.splitext(f)[0] for f in os.listdir(folder)
                           if f.endswith((".py", ".js", ".rb"))
                           and not f.startswith(("compare.", "kit.")))
        else:
            names = [n for r, n in SUBSET if r == runtime]
        names = [n for n in names if only in n]
        if not names:
            continue
        env = dict(os.environ, MEMSCOPE_DUMPER_DIR=os.path.dirname(sc.DUMPER),
                   SCENARIO_SERIES=str(DUMPS))
        if runtime == "node":
            nm = sc.node_modules()
            check(nm is not None, "node: the scenarios' packages installed")
            if nm is None:
                continue
            env["NODE_PATH"] = nm
        ext = {"python": ".py", "node": ".js", "ruby": ".rb"}[runtime]
        for n in names:
            out = sc.dumps(runtime, os.path.join(folder, n + ext), env, DUMPS, CACHE)
            if out:
                judge(runtime, n, out, rows)
    if table:
        print("| runtime | scenario | leak rank | growing collections | first growing type | "
              "leak growth %/interval | cohorts alive/new |")
        print("|---|---|---|---|---|---|---|")
        for r in rows:
            print("| %s | %s | %s | %s | %s | %s | %s |" % r)
    return summary("series")


if __name__ == "__main__":
    sys.exit(main())
