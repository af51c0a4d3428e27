#!/usr/bin/env python3
"""oracle_diagram.py — `memscope graph` against a walk done here.

For known dumps (testdata/leak.jsonl, testdata/demo.jsonl) and random ones
(pieces from oracle_graphs.py, with modules, weak references, multi-edges
and self-loops), every diagram mode is drawn for sampled start objects at
depths 0-4, with too_many, max_nodes, --filter, --ignore and --highlight
varied. The DOT memscope writes is parsed and must equal, node for node and
arrow for arrow, what this file's own implementation of the rules gives:

  --backrefs / --refs  objgraph's breadth-first walk (show_backrefs,
                       show_refs): referrers in dump order / references in
                       the object's order, distinct neighbours, too_many per
                       object, roots and modules not expanded, max_nodes
  --chain              the BFS retaining path (roots in order, references in
                       order) from a root to each start
  --dominators         the dominator subtree (networkx immediate_dominators),
                       children by retained size, then DFS preorder

and every attribute: labels (type, sizes, retained or garbage), fill colour
(objgraph's gradient, green roots and modules, blue highlights), font colour,
dotted garbage, dashed weak arrows, bold red arrows inside a cycle (networkx
strongly_connected_components), the red "N more ..." boxes and the
--max-nodes note.

Prints "diagram: N passed, N failed".
"""
import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict, deque

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_graphs  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")


# ---- heaps -------------------------------------------------------------------

class Heap:
    """A dump as lists: ids, types, sizes, labels, out[i] = [(j, weak, name)]."""

    def __init__(self, path):
        self.path = path
        self.ids, self.types, self.sizes, self.labels, self.out = [], [], [], [], []
        self.rc, self.gc, self.marked = [], [], []
        header_roots = []
        recs = []
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if "memscope" in r and "id" not in r:
                    header_roots = r.get("roots", [])
                    continue
                recs.append(r)
        index = {r["id"]: i for i, r in enumerate(recs)}
        for r in recs:
            self.ids.append(r["id"])
            self.types.append(r["type"])
            self.sizes.append(r.get("size", 0))
            lab = r.get("name", r.get("value"))
            self.labels.append("" if lab is None else
                               lab if isinstance(lab, str) else json.dumps(lab))
            names = r.get("names", [None] * len(r.get("refs", [])))
            self.out.append([(index[t], False, nm) for t, nm in zip(r.get("refs", []), names)
                             if t in index] +
                            [(index[t], True, None) for t in r.get("weak", []) if t in index])
            self.rc.append(r.get("rc"))
            self.gc.append(r.get("gc", 1) != 0)
            self.marked.append(bool(r.get("root")))
        self.n = len(recs)
        self.index = index
        hr = [index[i] for i in header_roots if i in index] + \
            [i for i in range(self.n) if self.marked[i]]
        if hr:
            self.roots = list(dict.fromkeys(hr))
        elif any(rc is not None for rc in self.rc):
            indeg = [0] * self.n
            for a in range(self.n):
                if self.gc[a]:
                    for b, weak, _ in self.out[a]:
                        if not weak:
                            indeg[b] += 1
            self.roots = [i for i in range(self.n)
                          if self.gc[i] and (self.rc[i] or 0) > indeg[i]]
        else:
            indeg = [0] * self.n
            for a in range(self.n):
                for b, weak, _ in self.out[a]:
                    if not weak:
                        indeg[b] += 1
            self.roots = [i for i in range(self.n) if indeg[i] == 0]
        self.analyse()

    def analyse(self):
        g = oracle_graphs.Dump.graph(self)
        idom, ret, kids, _ = oracle_graphs.dominator_oracle(self, g)
        self.reach = set(idom) - {"R"}
        self.retained = ret
        # DFS preorder (recursive order, roots in order, strong references in order)
        pre, num = [], {}
        for r in self.roots:
            if r in num:
                continue
            num[r] = len(num)
            stack = [(r, 0)]
            while stack:
                v, k = stack.pop()
                outs = [b for b, weak, _ in self.out[v] if not weak]
                while k < len(outs) and outs[k] in num:
                    k += 1
                if k < len(outs):
                    w = outs[k]
                    stack.append((v, k + 1))
                    num[w] = len(num)
                    stack.append((w, 0))
        self.kids = {p: sorted(ks, key=lambda v: (-ret[v], num[v])) for p, ks in kids.items()}
        self.scc = {}
        for k, comp in enumerate(nx.strongly_connected_components(g.subgraph(range(self.n)))):
            if len(comp) > 1 or any(g.has_edge(v, v) for v in comp):
                for v in comp:
                    self.scc[v] = k


# ---- the rules, done here ------------------------------------------------------

def walk(hp, mode, starts, depth, too_many, max_nodes, filt, ignore):
    """Returns (nodes {i: depth} in order, arrows {(a, b): [(name, weak)]},
    more {i: count}, capped count)."""
    nodes = {}
    for s in starts:
        nodes.setdefault(s, 0)
    arrows, more, capped = {}, defaultdict(int), set()
    more_ret = hp.more_ret = defaultdict(int)
    referrers = defaultdict(list)
    if mode == "backrefs":
        for a in range(hp.n):
            for b, weak, name in hp.out[a]:
                referrers[b].append((a, weak, name))
    roots = set(hp.roots)
    order = list(nodes)
    q = 0
    while q < len(order):
        u = order[q]
        q += 1
        d = nodes[u]
        if d >= depth:
            continue
        if u not in starts:
            if mode == "backrefs" and u in roots:
                continue
            if mode != "dominators" and hp.types[u] == "module":
                continue
        if mode == "refs":
            nb = hp.out[u]
        elif mode == "backrefs":
            nb = referrers[u]
        else:
            nb = [(v, None, None) for v in hp.kids.get(u, [])]
        seen, drawn = {}, 0
        for v, weak, name in nb:
            if v in seen:
                if seen[v]:
                    arrows[seen[v]].append((name, weak))
                continue
            seen[v] = None
            if hp.types[v] in ignore or (filt and hp.types[v] not in filt):
                continue
            if drawn >= too_many:
                more[u] += 1
                if mode == "dominators":
                    more_ret[u] += hp.retained[v]
                continue
            if v not in nodes:
                if len(order) >= max_nodes:
                    capped.add(v)
                    continue
                nodes[v] = d + 1
                order.append(v)
            key = (v, u) if mode == "backrefs" else (u, v)
            arrows[key] = [] if weak is None else [(name, weak)]
            seen[v] = key
            drawn += 1
        if mode == "dominators":
            for v, weak, name in hp.out[u]:
                if seen.get(v):
                    arrows[seen[v]].append((name, weak))
    return nodes, arrows, more, len(capped)


def chains(hp, starts, max_nodes):
    parent = {}
    q = deque()
    for r in hp.roots:
        if r not in parent:
            parent[r] = r
            q.append(r)
    while q:
        v = q.popleft()
        for w, weak, _ in hp.out[v]:
            if not weak and w not in parent:
                parent[w] = v
                q.append(w)
    nodes = {}
    for s in starts:
        nodes.setdefault(s, 0)
    arrows, capped, unreachable = {}, set(), 0
    for s in starts:
        if s not in parent:
            unreachable += 1
            continue
        path = [s]
        while parent[path[-1]] != path[-1]:
            path.append(parent[path[-1]])
        for d, v in enumerate(path[1:], 1):
            child = path[d - 1]
            if v in capped:
                break
            if v not in nodes:
                if len(nodes) >= max_nodes:
                    capped.add(v)
                    continue
                nodes[v] = d
            elif d >= nodes[v]:
                if child in nodes and (v, child) not in arrows:
                    arrows[(v, child)] = [(nm, weak) for b, weak, nm in hp.out[v] if b == child]
                break
            nodes[v] = d
            if child in nodes and (v, child) not in arrows:
                arrows[(v, child)] = [(nm, weak) for b, weak, nm in hp.out[v] if b == child]
    return nodes, arrows, {}, len(capped), unreachable


# ---- DOT ---------------------------------------------------------------------

ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,\]]+)')


def attrs(text):
    out = {}
    for k, v in ATTR.findall(text):
        if v.startswith('"'):
            v = v[1:-1]
        out[k] = v
    return out


def parse_dot(text):
    nodes, edges, graph = {}, {}, {}
    for line in text.splitlines():
        m = re.match(r'^  (\S+) -> (\S+) \[(.*)\];$', line)
        if m:
            edges[(m.group(1), m.group(2))] = attrs(m.group(3))
            continue
        m = re.match(r'^  (o\d+|too_many_o\d+) \[(.*)\];$', line)
        if m:
            nodes[m.group(1)] = attrs(m.group(2))
            continue
        m = re.match(r'^  graph \[(.*)\];$', line)
        if m:
            graph = attrs(m.group(1))
    return nodes, edges, graph


def fmt_bytes(v):
    if v < 1024:
        return "%d B" % v
    x, u = v / 1024.0, 0
    units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    while x >= 1024.0 and u < 5:
        x /= 1024.0
        u += 1
    if x >= 1023.95 and u < 5:
        x /= 1024.0
        u += 1
    return "%.1f %s" % (x, units[u])


def dot_text(s, cut):
    out = []
    for k, ch in enumerate(s):
        if k == cut:
            out.append("\u2026")
            break
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\\\n")
        elif ch == "\t":
            out.append("\\\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\\\x%02x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def expect_node(hp, i, depth, span, start, highlight):
    label = dot_text(hp.types[i], 60)
    if hp.labels[i]:
        label += "\\n" + dot_text(hp.labels[i], 32)
    size = fmt_bytes(hp.sizes[i])
    if i in hp.reach:
        label += "\\n%s · %s retained" % (size, fmt_bytes(hp.retained[i]))
    else:
        label += "\\n%s · garbage" % size
    h, s, v = 0, 0, (1.0 - 0.7 * depth / span if span else 1.0)
    if i in set(hp.roots) or hp.types[i] == "module":
        h, s = 0.3, 0.45
    if hp.types[i] in highlight:
        h, s, v = 0.6, 0.6, 0.5 + v * 0.5
    a = {"label": label, "fillcolor": "%g,%g,%g" % (h, s, v), "tooltip": "id %d" % hp.ids[i]}
    if v < 0.5:
        a["fontcolor"] = "white"
    elif start:
        a["fontcolor"] = "red"
    if i not in hp.reach:
        a["style"] = "filled,dotted"
    return a


def expect_arrow(hp, a, b, refs):
    out = {}
    names = [nm for nm, _ in refs[:3] if nm]
    if names:
        out["label"] = ", ".join(dot_text(nm, 24) for nm in names) + \
            (" +%d" % (len(refs) - 3) if len(refs) > 3 else "")
    if not refs:
        out.update(color="grey60", arrowhead="empty")
    elif all(weak for _, weak in refs):
        out["style"] = "dashed"
    elif hp.scc.get(a) is not None and hp.scc.get(a) == hp.scc.get(b):
        out.update(color="red", penwidth="2")
    return out


def count(n):
    return "{:,}".format(n)


def compare(hp, mode, starts, depth=3, too_many=10, max_nodes=300, filt=(), ignore=(),
            highlight=()):
    args = [MEMSCOPE, "graph", "-q", "--" + mode, "--max-depth", str(depth), "--too-many",
            str(too_many), "--max-nodes", str(max_nodes)]
    for t in filt:
        args += ["--filter", t]
    for t in ignore:
        args += ["--ignore", t]
    for t in highlight:
        args += ["--highlight", t]
    args += [str(hp.ids[s]) for s in starts] + [hp.path]
    what = "%s %s" % (os.path.basename(hp.path), " ".join(args[2:-1]))
    p = subprocess.run(args, capture_output=True, text=True)
    unreachable = 0
    if mode == "chain":
        nodes, arrows, more, capped, unreachable = chains(hp, starts, max_nodes)
        span = max(nodes.values())
    else:
        nodes, arrows, more, capped = walk(hp, mode, starts, depth, too_many, max_nodes,
                                           set(filt), set(ignore))
        span = depth
        if mode == "dominators":
            unreachable = sum(1 for s in starts if s not in hp.reach)
    if mode in ("chain", "dominators") and unreachable == len(starts):
        check(p.returncode == 1 and p.stdout == "", what + ": exit 1 for garbage")
        return
    if p.returncode != 0:
        check(False, what + ": exit %d: %s" % (p.returncode, p.stderr))
        return
    got_nodes, got_edges, graph = parse_dot(p.stdout)
    want_nodes = {}
    for i, d in nodes.items():
        want_nodes["o%d" % hp.ids[i]] = expect_node(hp, i, d, span, i in starts, set(highlight))
    for i, k in more.items():
        o = "o%d" % hp.ids[i]
        if mode == "backrefs":
            text = "%s more referrer%s" % (count(k), "" if k == 1 else "s")
        elif mode == "refs":
            text = "%s more reference%s" % (count(k), "" if k == 1 else "s")
        else:
            left = hp.more_ret[i]
            text = "%s more dominated\\n%s retained" % (count(k), fmt_bytes(left))
        want_nodes["too_many_" + o] = {"label": text}
    got_nodes = {k: ({"label": v["label"]} if k.startswith("too_many") else v)
                 for k, v in got_nodes.items()}
    diff = [k for k in set(got_nodes) | set(want_nodes) if got_nodes.get(k) != want_nodes.get(k)]
    check(not diff, what + ": nodes differ: %s" % [(k, got_nodes.get(k), want_nodes.get(k))
                                                    for k in diff[:3]])
    want_edges = {}
    for (a, b), refs in arrows.items():
        want_edges[("o%d" % hp.ids[a], "o%d" % hp.ids[b])] = expect_arrow(hp, a, b, refs)
    for i in more:
        o = "o%d" % hp.ids[i]
        key = ("too_many_" + o, o) if mode == "backrefs" else (o, "too_many_" + o)
        want_edges[key] = {"color": "red", "style": "dotted", "len": "0.25", "weight": "10"}
    diff = [k for k in set(got_edges) | set(want_edges) if got_edges.get(k) != want_edges.get(k)]
    check(not diff, what + ": arrows differ: %s" % [(k, got_edges.get(k), want_edges.get(k))
                                                     for k in diff[:3]])
    if capped:
        want = "diagram capped at %d objects (--max-nodes): %s more not drawn" % (
            max_nodes, count(capped))
        check(graph.get("label") == want, what + ": note %r, want %r" % (graph.get("label"), want))
    else:
        check("label" not in graph, what + ": no note expected, got %r" % graph.get("label"))


# ---- cases ---------------------------------------------------------------------

def cases(hp, rng, rounds):
    types = sorted(set(hp.types))
    for _ in range(rounds):
        k = rng.choice([1, 1, 1, 2, 3])
        pool = list(range(hp.n))
        starts = list(dict.fromkeys(rng.choice(pool) for _ in range(k)))
        if rng.random() < 0.3 and hp.roots:
            starts[0] = rng.choice(hp.roots)
        mode = rng.choice(["backrefs", "refs", "chain", "dominators"])
        kw = {}
        if rng.random() < 0.4:
            kw["too_many"] = rng.choice([0, 1, 2, 3])
        if rng.random() < 0.3:
            kw["max_nodes"] = rng.choice([1, 2, 5, 9])
        r = rng.random()
        if r < 0.15:
            kw["filt"] = rng.sample(types, min(2, len(types)))
        elif r < 0.3:
            kw["ignore"] = [rng.choice(types)]
        if rng.random() < 0.2:
            kw["highlight"] = [rng.choice(types)]
        for depth in ([0, 1, 2, 3, 4] if mode != "chain" else [3]):
            compare(hp, mode, starts, depth=depth, **kw)


def main():
    rng = random.Random(int(os.environ.get("SEED", "4")))
    tmp = os.environ.get("TMPDIR", "/tmp")
    heaps = [Heap("testdata/leak.jsonl"), Heap("testdata/demo.jsonl")]
    oracle_graphs.TYPES = oracle_graphs.TYPES + ["module"]
    kinds = ["sparse", "dense", "chain", "dag", "tree", "ring", "selfloop"]
    for k in range(int(os.environ.get("DIAGRAM_DUMPS", "12"))):
        rule = "header" if k % 3 else "noref"
        d = oracle_graphs.Dump(rng, [rng.choice(kinds) for _ in range(rng.randint(1, 4))], rule)
        path = os.path.join(tmp, "memscope-diagram-%d-%d.jsonl" % (os.getpid(), k))
        d.write(path)
        heaps.append(Heap(path))
    hp = heaps[0]
    # Hand-checked facts on the leak fixture, before the random rounds.
    compare(hp, "backrefs", [hp.index[200]], depth=4)
    compare(hp, "refs", [hp.index[3]], depth=1, too_many=3)
    compare(hp, "chain", [hp.index[200], hp.index[201]])
    compare(hp, "dominators", [hp.index[3]], too_many=4)
    compare(hp, "backrefs", [hp.index[40]], depth=4)   # a garbage cycle
    compare(hp, "chain", [hp.index[40]])               # garbage: exit 1
    for hp in heaps:
        cases(hp, rng, int(os.environ.get("DIAGRAM_ROUNDS", "25")))
    for hp in heaps[2:]:
        os.unlink(hp.path)
    return summary("diagram")


if __name__ == "__main__":
    sys.exit(main())
