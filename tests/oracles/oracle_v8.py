#!/usr/bin/env python3
"""oracle_v8.py — memscope on real Node snapshots against DevTools' own model.

For each scenario in tests/v8/scenarios.js, and for a leaky web page
(tests/v8/leaky_page.html) snapshotted in Debian's Chromium (a WeakMap whose key is alive,
closures over big arrays, a growing Map cache, an EventEmitter whose
listeners are never removed, a ring of objects, plain objects of several
shapes) the machine's node writes a .heapsnapshot, and:

  - Chrome DevTools' heap-snapshot model (npm chrome-devtools-frontend,
    bundled by tests/v8/build_oracle.sh into $BUILD/devtools) computes every
    node's class, shallow size, retained size, immediate dominator and
    distance;
    memscope dominators --all must give the same for every node, plain
    objects' inferred "{a, b}" class names included.
  - the scenario's own facts hold: the WeakMap value is dominated by its key,
    not the table; each closure retains its array; the Map and the emitter
    dominate every entry and listener; memscope cycles finds the ring;
    plain objects get the names their shapes call for; on the page, the
    cache Map and the array of detached sections are the suspects, the
    detached DOM equals DevTools' "Detached ..." nodes, names are DevTools'.

Without node or chromium this fails loudly (make check installs them). Prints "v8: N passed, N failed".
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
BUILD = os.environ.get("BUILD", "build/rel")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/


def tsv(text):
    return list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def unescape(field):
    """A memscope TSV field as text (it escapes tab, newline, CR, backslash)."""
    return re.sub(r"\\([tnr\\])", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(
        m.group(1), "\\"), field)


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def compare(name, snap, oracle):
    p = subprocess.run(["node", oracle, snap], capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, "%s: DevTools model exit %d %s" % (name, p.returncode, p.stderr[-300:]))
    dt = {r["id"]: r for r in tsv(p.stdout)}
    rc, out, err = memscope("dominators", "--all", "-f", "tsv", snap)
    check(rc == 0, "%s: memscope dominators exit %d %s" % (name, rc, err))
    ms = {r["id"]: dict(r, type=unescape(r["type"]), name=unescape(r["name"])) for r in tsv(out)}
    check(len(dt) > 1000 and set(dt) == set(ms),
          "%s: node sets differ: %d DevTools, %d memscope" % (name, len(dt), len(ms)))
    bad = {"class": [], "self": [], "retained": [], "idom": [], "distance": [], "name": []}
    named = 0
    inferred = 0
    for i, d in dt.items():
        m = ms.get(i)
        if m is None:
            continue
        inferred += d["class"].startswith("{")
        if m["type"] != d["class"]:
            bad["class"].append((i, m["type"], d["class"]))
        if m["size"] != d["self"]:
            bad["self"].append((i, m["size"], d["self"]))
        if m["retained"] != d["retained"]:
            bad["retained"].append((i, m["retained"], d["retained"]))
        if d["idom"] and m["idom"] != d["idom"]:
            bad["idom"].append((i, m["idom"], d["idom"]))
        if m.get("distance") != ("" if d["distance"] == "-5" else d["distance"]):
            bad["distance"].append((i, m.get("distance"), d["distance"]))
        # Names as DevTools gives them (plain objects' property lists and
        # concatenated strings' text included); memscope leaves out a name
        # that only repeats the class.
        dn = unescape(d["name"])
        named += (d["kind"] == "object" and d["raw"] == "Object") or \
            d["kind"] == "concatenated string"
        if m["name"] != dn and not (m["name"] == "" and dn in ("", d["class"])):
            bad["name"].append((i, m["name"], dn))
    for k, v in bad.items():
        check(not v, "%s: %d nodes differ from DevTools in %s, e.g. %s" % (name, len(v), k, v[:3]))
    if name != "page":  # Node's own code has plain objects of popular shapes
        check(inferred > 0, "%s: DevTools named some plain objects {a, b}" % name)
    print("v8: %s: %d nodes equal to DevTools' (%d plain objects named {a, b}; %d plain "
          "objects and concatenated strings named as DevTools does)"
          % (name, len(dt), inferred, named))
    return ms, dt


def dominated(ms, top, kind):
    """Nodes of type kind in the dominator subtree of node id top."""
    n = 0
    for i, r in ms.items():
        if r["type"] != kind:
            continue
        v, hops = r["idom"], 0
        while v not in ("root", top) and hops < 100000:
            v, hops = ms[v]["idom"], hops + 1
        n += v == top
    return n


def facts(name, snap, ms, f, dt):
    of = lambda t: [i for i, r in ms.items() if r["type"] == t]
    if name == "weakmap":
        keys, vals = of("WeakMapKey"), of("WeakMapValue")
        check(len(keys) == 1 and len(vals) == 1 and ms[vals[0]]["idom"] == keys[0],
              "weakmap: the value's idom is the key: %s" % [ms[v] for v in vals])
        rc, out, _ = memscope("path", "-f", "tsv", snap, "type:WeakMapValue")
        hops = [r["type"] for r in tsv(out)]
        check(rc == 0 and hops[-2:] == ["WeakMapKey", "WeakMapValue"],
              "weakmap: the path to the value comes through the key: %s" % hops)
    elif name == "closures":
        big = sorted(int(ms[i]["retained"]) for i in of("Function"))[-2:]
        check(big[0] >= 50000 * 8 and big[1] >= 100000 * 8,
              "closures: the two closures retain their arrays: %s" % big)
    elif name == "mapcache":
        maps = of("Map")
        best = max(dominated(ms, m, "CacheEntry") for m in maps) if maps else 0
        check(best == f["entries"], "mapcache: a Map dominates all %d entries: %d"
              % (f["entries"], best))
    elif name == "emitter":
        ems = of("EventEmitter")
        best = max(dominated(ms, e, "Listener") for e in ems) if ems else 0
        check(best == f["listeners"], "emitter: the emitter dominates all %d listeners' "
              "state: %d" % (f["listeners"], best))
    elif name == "shapes":
        count = lambda t: len(of(t))
        names = ["property_with_a_long_name_%d" % k for k in range(12)]
        long_name = "{" + names[0]
        for n in names[1:]:
            if len(long_name) + len(n) > 120:
                break
            long_name += ", " + n
        long_name += "}"
        types = set(r["type"] for r in ms.values())
        check(count("{id, email}") in (f["users"], f["users"] + 1) and
              not [t for t in types if "role" in t],
              "shapes: the %d users (one with a role too) are {id, email}: %d %s"
              % (f["users"], count("{id, email}"), [t for t in types if "role" in t]))
        # Node 18 and Node 20 spell quoted names differently in the
        # snapshot: the expected name is DevTools' own on this snapshot.
        quoted = set(d["class"] for d in dt.values() if "a,b" in d["class"])
        check(len(quoted) == 1 and count(next(iter(quoted))) in (100, 101),
              "shapes: quoted property names as DevTools names them (%s): %s"
              % (quoted, [t for t in types if "a,b" in t]))
        check(count(long_name) in (100, 101), "shapes: a long shape is named %s: %s"
              % (long_name, [t for t in types if "long" in t]))
        check(count("{onlyOnce}") == 0 and count("Object") > 0,
              "shapes: a shape seen once stays Object")
    elif name == "cycles":
        rc, out, err = memscope("cycles", "--members", "-f", "tsv", snap)
        sizes = {}
        for r in tsv(out):
            if r["type"] == "RingNode":
                sizes[r["cycle"]] = sizes.get(r["cycle"], 0) + 1
        check(rc == 0 and sorted(sizes.values()) == [f["ring"]],
              "cycles: one cycle holds the %d RingNodes: %s" % (f["ring"], sizes))


def page_facts(snap, ms, f, dt):
    """The leaky page's facts: what a web developer must be told."""
    rc, out, err = memscope("analyze", "--threshold", "3", "-f", "json", snap)
    check(rc == 0, "page: analyze exit %d %s" % (rc, err))
    if rc:
        return
    a = json.loads(out)
    sus = a["suspects"]
    kinds = [(x["type"], (x["holds"] or {}).get("type"), (x["holds"] or {}).get("count"))
             for x in sus]
    check(("Map", "CacheEntry", f["entries"]) in kinds,
          "page: the cache Map holding the %d entries is a suspect: %s" % (f["entries"], kinds))
    check(("Array", "Detached <section>", f["sections"]) in kinds,
          "page: the array holding the %d detached sections is a suspect: %s"
          % (f["sections"], kinds))
    check(not [x for x in sus if ms[str(x["id"])]["type"] == "(synthetic)" or
               ms[str(x["id"])]["type"].startswith("Window")],
          "page: no synthetic node nor the Window is a suspect: %s" % kinds)
    cache = [x for x in sus if x["type"] == "Map"]
    check(cache and [p.get("edge") for p in cache[0]["path"]][-1:] == ["responseCache"] and
          "(GC roots)" in [p.get("name") for p in cache[0]["path"]],
          "page: the Map's path names (GC roots) and ends at responseCache: %s"
          % (cache[0]["path"] if cache else None))
    # Detached DOM: the nodes DevTools names "Detached ...", class by class.
    det = [d for d in dt.values() if d["class"].startswith("Detached ")]
    by = {}
    for d in det:
        c = by.setdefault(d["class"], [0, 0])
        c[0] += 1
        c[1] += int(d["self"])
    d = a.get("detached")
    check(d is not None and d["count"] == len(det) and len(det) > 0,
          "page: detached count %s equals DevTools' %d" % (d and d["count"], len(det)))
    if d is None:
        return
    check(d["bytes"] == sum(v[1] for v in by.values()),
          "page: detached bytes %d equal DevTools' %d" % (d["bytes"], sum(v[1] for v in by.values())))
    ours = {t["type"]: [t["count"], t["bytes"]] for t in d["types"]}
    check(ours == by, "page: detached types equal DevTools' classes: %s vs %s" % (ours, by))
    check(sum(t["retained"] for t in d["types"]) == d["retained"] and
          d["retained"] >= d["bytes"],
          "page: detached retained %d is the sum of its types'" % d["retained"])
    h = d["holders"]
    check(h and h[0]["type"] == "Array" and h[0]["count"] == len(det) and
          [p.get("edge") for p in h[0]["path"]][-1:] == ["closedPanels"],
          "page: the closedPanels array holds all %d detached nodes: %s" % (len(det), h[:2]))
    sec = [t for t in d["types"] if t["type"] == "Detached <section>"]
    check(sec and sec[0]["count"] == f["sections"],
          "page: %d detached sections: %s" % (f["sections"], sec))
    # Names, as DevTools shows them.
    rc, out, _ = memscope("show", "-f", "json", snap, "3")
    check(rc == 0 and json.loads(out).get("name") == "(GC roots)",
          "page: show SNAP 3 names (GC roots): %s" % out[:200])
    rc, out, _ = memscope("analyze", "--threshold", "3", snap)
    check(rc == 0 and "Detached DOM (nodes outside any document, still reachable): " in out and
          "--closedPanels--> Array" in out and "(synthetic) (GC roots) 3" in out,
          "page: the table shows the detached DOM, its holder's path and the names")
    check("\nCycles: " not in out and "\nGarbage " not in out and
          "this runtime's collector frees unreachable cycles" in out,
          "page: no Cycles nor Garbage findings on V8, one line instead")
    check("cycles" in a and "garbage" in a and a["cycles"]["count"] > 0,
          "page: the JSON keeps cycles and garbage")


def node_facts(snap):
    """What a Node snapshot must not say: no detached DOM (Node has none,
    though it marks some of its own objects detached), no synthetic or
    global suspect."""
    rc, out, _ = memscope("analyze", "--threshold", "3", "-f", "json", snap)
    a = json.loads(out) if rc == 0 else {}
    check(rc == 0 and "detached" not in a, "node: no detached key on a Node snapshot")
    rc, out, _ = memscope("dominators", "--all", "-f", "tsv", snap)
    types = {r["id"]: r for r in tsv(out)}
    bad = [x for x in a.get("suspects", [])
           if types[str(x["id"])]["type"] == "(synthetic)" or
           types[str(x["id"])]["name"] == "global" or types[str(x["id"])]["type"] == "global"]
    check(not bad, "node: no synthetic node nor the global is a suspect: %s" % bad)


def alloc_facts(snap, oracle, f):
    """Allocation sites against DevTools' Allocation view: every function's
    live count and size (rows of one text added up: builtins can share a
    name and position)."""
    p = subprocess.run(["node", oracle, snap, "--alloc"], capture_output=True, text=True,
                       timeout=600)
    check(p.returncode == 0, "alloc: DevTools' allocation view exit %d %s"
          % (p.returncode, p.stderr[-300:]))
    dt = {}
    for r in tsv(p.stdout):
        c = dt.setdefault(unescape(r["site"]), [0, 0])
        c[0] += int(r["count"])
        c[1] += int(r["bytes"])
    rc, out, err = memscope("sites", "-f", "tsv", "--top", "0", snap)
    ms = {unescape(r["site"]): [int(r["count"]), int(r["bytes"])] for r in tsv(out)}
    bad = [(k, ms.get(k, [0, 0]), dt.get(k, [0, 0])) for k in set(dt) | set(ms)
           if ms.get(k, [0, 0]) != dt.get(k, [0, 0])]
    check(rc == 0 and len(dt) > 10 and not bad,
          "alloc: every function's live count and bytes equal DevTools' Allocation view "
          "(%d functions); differ: %s" % (len(dt), bad[:5]))
    rc, out, _ = memscope("sites", "-f", "json", "--top", "0", snap)
    made = {}
    for site in (json.loads(out)["sites"] if rc == 0 else []):
        fn = site["site"].split(" (")[0]
        for t in site["types"]:
            made[(fn, t["type"])] = made.get((fn, t["type"]), 0) + t["count"]
    check(made.get(("makeKept", "Kept")) == f["kept"] and not made.get(("makeGone", "Gone")) and
          made.get(("Kept", "Array"), 0) >= f["kept"],
          "alloc: the %d Kept are alive at makeKept, their arrays at Kept's constructor, none "
          "of makeGone's %d Gone: %s" % (f["kept"], f["gone"],
                                         {k: v for k, v in made.items() if k[1] in ("Kept", "Gone")}))
    rc, out, _ = memscope("analyze", "--threshold", "0.5", "-f", "json", snap)
    held = [x["holds"] for x in (json.loads(out)["suspects"] if rc == 0 else [])
            if x["type"] == "Array" and x["holds"] and x["holds"]["type"] == "Kept"]
    check(len(held) == 1 and held[0]["count"] == f["kept"] and
          held[0].get("site", "").startswith("makeKept ("),
          "alloc: the suspect array holding the %d Kept says they were allocated in makeKept: %s"
          % (f["kept"], held))
    print("v8: alloc: %d functions' live objects equal to DevTools' Allocation view" % len(dt))


def page_scenario(oracle, tmp):
    """A real page in Debian's Chromium: every node against DevTools, then
    the page's facts."""
    chromium = shutil.which("chromium")
    if not chromium:
        check(False, "chromium is not installed: the page tests cannot run "
                     "(apt-get install -y chromium)")
        return
    snap = os.path.join(tmp, "page.heapsnapshot")
    p = subprocess.run(["node", os.path.join(HERE, "v8", "page_snapshot.js"),
                        os.path.join(HERE, "v8", "leaky_page.html"), snap, chromium],
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, "page: chromium snapshot exit %d %s" % (p.returncode, p.stderr[-500:]))
    if p.returncode:
        return
    f = json.loads(p.stdout)
    ms, dt = compare("page", snap, oracle) if os.path.exists(oracle) else ({}, {})
    if ms:
        page_facts(snap, ms, f, dt)
    os.unlink(snap)


def main():
    if not shutil.which("node"):
        check(False, "node is not installed: the V8 tests cannot run "
                     "(apt-get install -y nodejs)")
        return summary("v8")
    oracle_dir = os.path.abspath(os.path.join(BUILD, "devtools"))
    p = subprocess.run(["sh", os.path.join(HERE, "v8", "build_oracle.sh"), oracle_dir],
                       capture_output=True, text=True, timeout=900)
    oracle = os.path.join(oracle_dir, "devtools-oracle.mjs")
    check(p.returncode == 0 and os.path.exists(oracle),
          "DevTools' model builds (npm chrome-devtools-frontend): %s" % p.stderr[-500:])
    tmp = tempfile.mkdtemp(prefix="memscope-v8-")
    for name in ("weakmap", "closures", "mapcache", "emitter", "cycles", "shapes", "alloc"):
        snap = os.path.join(tmp, name + ".heapsnapshot")
        flags = ["--track-heap-objects"] if name == "alloc" else []
        p = subprocess.run(["node"] + flags + [os.path.join(HERE, "v8", "scenarios.js"), name,
                                               snap],
                           capture_output=True, text=True, timeout=300)
        if p.returncode:
            check(False, "%s: node exit %d %s" % (name, p.returncode, p.stderr[-300:]))
            continue
        f = json.loads(p.stdout)
        ms, dt = compare(name, snap, oracle) if os.path.exists(oracle) else ({}, {})
        if not ms:
            rc, out, _ = memscope("dominators", "--all", "-f", "tsv", snap)
            ms = {r["id"]: r for r in tsv(out)}
        facts(name, snap, ms, f, dt)
        if name == "mapcache":
            node_facts(snap)
        if name == "alloc" and os.path.exists(oracle):
            alloc_facts(snap, oracle, f)
        os.unlink(snap)
    page_scenario(oracle, tmp)
    os.rmdir(tmp)
    return summary("v8")


if __name__ == "__main__":
    sys.exit(main())
