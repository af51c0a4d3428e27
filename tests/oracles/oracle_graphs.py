#!/usr/bin/env python3
"""oracle_graphs.py — memscope's analyses against networkx and brute force.

Thousands of small random graphs — sparse, dense, chains, DAGs, trees,
self-loops, multi-edges, several roots, weak edges, rootless pieces — are
written side by side as disjoint pieces of a few dumps, one dump per root
rule (header roots, no referrers, CPython's refcount rule). For every object
memscope's answers must equal the oracle's exactly:

  dominators --all   reachable set, immediate dominator (networkx
                     immediate_dominators from a virtual root over the
                     roots), retained size (sum over the dominator subtree),
                     depth, and preorder (each row after its dominator)
  cycles --members   member sets (networkx strongly_connected_components
                     of size >= 2 or with a self-loop), bytes, status
  garbage            unreachable set (networkx descendants), tracked, cycle
  path               length = BFS distance from the roots, every hop a
                     strong edge, for sampled objects; exit 1 for garbage
  analyze -f json    roots, type retained sizes (brute force over the
                     dominator tree), top retainers, cycles, garbage and
                     leak suspects (brute force over the definition)

Prints "graphs: N passed, N failed".
"""
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict, deque

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
TYPES = ["dict", "list", "Node", "tuple", "str", "app.Session"]

n_suspects = [0]  # suspects seen, to show the check is not vacuous


# ---- random graphs -------------------------------------------------------

def random_piece(rng, kind):
    """Returns (n, edges[(a, b, weak)], roots[list of local indices])."""
    n = rng.randint(1, 40)
    edges = []
    if kind == "sparse":
        for _ in range(int(n * rng.uniform(0.5, 2.0))):
            edges.append((rng.randrange(n), rng.randrange(n)))
    elif kind == "dense":
        p = rng.uniform(0.2, 0.6)
        edges = [(a, b) for a in range(n) for b in range(n) if rng.random() < p]
    elif kind == "chain":
        edges = [(i, i + 1) for i in range(n - 1)]
        for _ in range(rng.randint(0, 3)):  # a few shortcuts and back edges
            edges.append((rng.randrange(n), rng.randrange(n)))
    elif kind == "dag":
        edges = [(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < 0.15]
    elif kind == "tree":
        edges = [(rng.randrange(i), i) for i in range(1, n)]
    elif kind == "cycles":
        # rings of random length joined together
        i = 0
        while i < n:
            k = rng.randint(1, 5)
            ring = list(range(i, min(n, i + k)))
            for a, b in zip(ring, ring[1:] + ring[:1]):
                edges.append((a, b))
            if i:
                edges.append((rng.randrange(i), i))
            i += k
    if rng.random() < 0.3:  # self-loops
        for _ in range(rng.randint(1, 3)):
            v = rng.randrange(n)
            edges.append((v, v))
    if rng.random() < 0.3 and edges:  # multi-edges
        for _ in range(rng.randint(1, 3)):
            edges.append(rng.choice(edges))
    out = [(a, b, False) for a, b in edges]
    if rng.random() < 0.4:  # weak edges never retain
        for _ in range(rng.randint(1, 4)):
            out.append((rng.randrange(n), rng.randrange(n), True))
    r = rng.random()
    if r < 0.1:
        roots = []
    elif r < 0.6:
        roots = [0]
    else:
        roots = rng.sample(range(n), rng.randint(1, min(n, 4)))
    return n, out, roots


class Dump:
    """Many pieces as one heap: nodes are global indices 0..N-1."""

    def __init__(self, rng, pieces, rule):
        self.rule = rule
        self.ids, self.types, self.sizes = [], [], []
        self.out = []           # per node: list of (target, weak, name)
        self.rc, self.gc = [], []
        self.header_roots = []
        base_id = rng.choice([1, 1000, 2**40, 2**64 - 10**6])
        for kind in pieces:
            n, edges, roots = random_piece(rng, kind)
            off = len(self.ids)
            for i in range(n):
                self.ids.append(base_id + 7 * (off + i))
                self.types.append(rng.choice(TYPES))
                self.sizes.append(rng.choice([0, 16, 24, 56, 64, 232, 1000, 5000]))
                self.out.append([])
                self.gc.append(rng.random() < 0.8)
            for k, (a, b, weak) in enumerate(edges):
                self.out[off + a].append((off + b, weak, "e%d" % k if k % 3 else None))
            if not roots and len(pieces) == 1 and rule == "header":
                roots = [0]  # an empty header "roots" would mean another rule
            self.header_roots += [off + r for r in roots]
        self.n = len(self.ids)
        if rule == "refcount":
            # rc = the references the rule counts, plus one for pieces' roots
            self.rc = [0] * self.n
            indeg = self.counted_indegree()
            hr = set(self.header_roots)
            self.rc = [indeg[i] + (1 if i in hr else 0) for i in range(self.n)]
        self.roots = self.find_roots()

    def find_roots(self):
        if self.rule == "header":
            seen, roots = set(), []
            for r in self.header_roots:
                if r not in seen:
                    seen.add(r)
                    roots.append(r)
            return roots
        indeg = self.counted_indegree()
        if self.rule == "refcount":
            return [i for i in range(self.n) if self.rc[i] > indeg[i]]
        return [i for i in range(self.n) if indeg[i] == 0]

    def counted_indegree(self):
        """Strong references counted by the root rule: under refcount, a
        tracked object counts them from tracked objects only (CPython's
        collector), an untracked one from every object."""
        indeg = [0] * self.n
        for a in range(self.n):
            for b, weak, _ in self.out[a]:
                if weak:
                    continue
                if self.rule == "refcount" and self.gc[b] and not self.gc[a]:
                    continue
                indeg[b] += 1
        return indeg

    def write(self, path):
        with open(path, "w") as f:
            if self.rule == "header":
                f.write(json.dumps({"memscope": 1, "roots": [self.ids[r] for r in
                                                             self.header_roots]}) + "\n")
            for i in range(self.n):
                rec = {"id": self.ids[i], "type": self.types[i], "size": self.sizes[i]}
                strong = [(b, nm) for b, weak, nm in self.out[i] if not weak]
                weak = [b for b, w, _ in self.out[i] if w]
                if strong:
                    rec["refs"] = [self.ids[b] for b, _ in strong]
                    rec["names"] = [nm for _, nm in strong]
                if weak:
                    rec["weak"] = [self.ids[b] for b in weak]
                if self.rule == "refcount":
                    rec["rc"] = self.rc[i]
                    rec["gc"] = 1 if self.gc[i] else 0
                elif self.rule == "header" and i % 5 == 0:
                    rec["gc"] = 1 if self.gc[i] else 0
                f.write(json.dumps(rec) + "\n")

    def graph(self):
        g = nx.DiGraph()
        g.add_nodes_from(range(self.n))
        g.add_node("R")
        for a in range(self.n):
            for b, weak, _ in self.out[a]:
                if not weak:
                    g.add_edge(a, b)
        for r in self.roots:
            g.add_edge("R", r)
        return g


# ---- oracle answers --------------------------------------------------------

def dominator_oracle(d, g):
    idom = nx.immediate_dominators(g, "R")
    kids = defaultdict(list)
    for v, p in idom.items():
        if v != "R":
            kids[p].append(v)
    # retained sizes bottom-up over a BFS order of the tree (no recursion)
    order, q = [], deque(["R"])
    while q:
        v = q.popleft()
        order.append(v)
        q.extend(kids[v])
    ret = {}
    for v in reversed(order):
        ret[v] = (d.sizes[v] if v != "R" else 0) + sum(ret[k] for k in kids[v])
    depth = {"R": -1}
    for v in order[1:]:
        depth[v] = depth[idom[v]] + 1
    return idom, ret, kids, depth


def run(args):
    p = subprocess.run([MEMSCOPE] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def tsv_rows(text):
    lines = text.rstrip("\n").split("\n")
    head = lines[0].split("\t")
    return head, [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]


def check_dump(d, path, label):
    g = d.graph()
    idx = {d.ids[i]: i for i in range(d.n)}
    idom, ret, kids, depth = dominator_oracle(d, g)
    reach = set(idom) - {"R"}

    # dominators --all
    rc, out, err = run(["dominators", "--all", "-f", "tsv", path])
    check(rc == 0, "%s: dominators exit %d %s" % (label, rc, err))
    head, rows = tsv_rows(out)
    check(head == ["id", "type", "size", "retained", "idom", "depth", "name"],
          "%s: dominators columns %s" % (label, head))
    got = {idx[int(r["id"])]: r for r in rows}
    check(set(got) == reach and len(rows) == len(reach),
          "%s: reachable set differs: %d rows, %d expected" % (label, len(rows), len(reach)))
    bad = 0
    seen = set()
    for r in rows:
        v = idx[int(r["id"])]
        want_idom = "root" if idom.get(v) == "R" else str(d.ids[idom[v]]) if v in idom else "?"
        if (r["idom"] != want_idom or int(r["retained"]) != ret.get(v) or
                int(r["depth"]) != depth.get(v) or int(r["size"]) != d.sizes[v] or
                r["type"] != d.types[v]):
            bad += 1
            if bad <= 3:
                print("  %s: object %s: got idom %s retained %s depth %s; want %s %s %s" % (
                    label, r["id"], r["idom"], r["retained"], r["depth"], want_idom,
                    ret.get(v), depth.get(v)))
        if idom.get(v) != "R" and idom.get(v) not in seen:
            bad += 1  # preorder: the dominator's row comes first
        seen.add(v)
    check(bad == 0, "%s: %d dominator rows differ from networkx" % (label, bad))

    # brute force on tiny graphs: D strictly dominates X iff X is reachable
    # but not once D is removed; those must be X's ancestors in the tree
    if d.n <= 16:
        def reach_without(cut):
            seen, stack = {"R"}, ["R"]
            while stack:
                for w in g.successors(stack.pop()):
                    if w != cut and w not in seen:
                        seen.add(w)
                        stack.append(w)
            return seen
        without = {v: reach_without(v) for v in range(d.n)}
        bad = 0
        for r in rows:
            v = idx[int(r["id"])]
            doms = {u for u in range(d.n) if u != v and v not in without[u]}
            anc, p = set(), r["idom"]  # memscope's own tree, up to the root
            while p != "root":
                u = idx[int(p)]
                anc.add(u)
                p = got[u]["idom"]
            bad += doms != anc
        check(bad == 0, "%s: %d objects' dominators differ from brute force" % (label, bad))

    # cycles --members
    comps = []
    for comp in nx.strongly_connected_components(g.subgraph(range(d.n))):
        if len(comp) >= 2 or any(g.has_edge(v, v) for v in comp):
            comps.append(frozenset(comp))
    rc, out, err = run(["cycles", "--members", "-f", "tsv", path])
    check(rc == 0, "%s: cycles exit %d %s" % (label, rc, err))
    head, rows = tsv_rows(out)
    check(head == ["cycle", "id", "type", "size"], "%s: cycles columns %s" % (label, head))
    members = defaultdict(set)
    for r in rows:
        members[int(r["cycle"])].add(idx[int(r["id"])])
    check(set(frozenset(s) for s in members.values()) == set(comps),
          "%s: cycle member sets differ (%d vs %d cycles)" % (label, len(members), len(comps)))
    nums = sorted(members)
    check(nums == list(range(1, len(comps) + 1)), "%s: cycles not numbered 1..N" % label)
    bytes_of = [sum(d.sizes[v] for v in members[c]) for c in nums]
    check(bytes_of == sorted(bytes_of, reverse=True), "%s: cycles not by bytes" % label)
    rc, out, err = run(["cycles", "-f", "tsv", path])
    head, rows = tsv_rows(out)
    check(head == ["cycle", "size", "bytes", "status", "shape"],
          "%s: cycle columns %s" % (label, head))
    bad = 0
    for r in rows:
        m = members[int(r["cycle"])]
        want_status = "reachable" if next(iter(m)) in reach else "garbage"
        counts = defaultdict(int)
        for v in m:
            counts[d.types[v]] += 1
        shape = "{" + ", ".join(t + (" \u00d7%d" % k if k > 1 else "")
                                for t, k in sorted(counts.items(),
                                                   key=lambda kv: kv[0].encode())) + "}"
        if (int(r["size"]) != len(m) or int(r["bytes"]) != sum(d.sizes[v] for v in m) or
                r["status"] != want_status or r["shape"] != shape):
            bad += 1
            if bad <= 3:
                print("  %s: cycle %s: %s; want %d %s %s" % (label, r["cycle"], r, len(m),
                                                             want_status, shape))
    check(bad == 0 and len(rows) == len(comps), "%s: %d cycle rows differ" % (label, bad))
    cycle_of = {v: c for c, m in members.items() for v in m}

    # garbage
    rc, out, err = run(["garbage", "-f", "tsv", path])
    check(rc == 0, "%s: garbage exit %d %s" % (label, rc, err))
    head, rows = tsv_rows(out)
    check(head == ["id", "type", "size", "tracked", "cycle", "finalizer"],
          "%s: garbage columns %s" % (label, head))
    want = [v for v in range(d.n) if v not in reach]
    check([idx[int(r["id"])] for r in rows] == want,
          "%s: garbage set differs: %d rows, %d expected" % (label, len(rows), len(want)))
    bad = 0
    for r in rows:
        v = idx[int(r["id"])]
        if d.rule == "refcount" or (d.rule == "header" and v % 5 == 0):
            tracked = "1" if d.gc[v] else "0"
        else:
            tracked = ""
        cyc = str(cycle_of[v]) if v in cycle_of else ""
        if r["tracked"] != tracked or r["cycle"] != cyc or r["finalizer"] != "0":
            bad += 1
    check(bad == 0, "%s: %d garbage rows differ in tracked/cycle" % (label, bad))

    # path for sampled objects
    dist = nx.single_source_shortest_path_length(g, "R")
    rng = random.Random(label)
    for v in rng.sample(range(d.n), min(12, d.n)):
        rc, out, err = run(["path", "-f", "tsv", path, str(d.ids[v])])
        if v not in reach:
            check(rc == 1 and out == "" and "unreachable from the roots" in err,
                  "%s: path to garbage %d: exit %d, %r" % (label, d.ids[v], rc, err))
            continue
        head, rows = tsv_rows(out)
        hops = [idx[int(r["id"])] for r in rows]
        ok = (rc == 0 and head == ["depth", "id", "type", "edge", "name"] and
              len(hops) == dist[v] and hops[-1] == v and hops[0] in d.roots and
              all(int(r["depth"]) == k for k, r in enumerate(rows)) and rows[0]["edge"] == "")
        for a, b, r in zip(hops, hops[1:], rows[1:]):
            names = [nm for t, w, nm in d.out[a] if t == b and not w]
            ok = ok and bool(names) and r["edge"] == (names[0] or "")
        check(ok, "%s: path to %d: %s" % (label, d.ids[v], out))

    # path to type:T: ends at an object of type T at the least distance
    t = rng.choice(sorted(set(d.types)))
    of_t = [v for v in range(d.n) if d.types[v] == t]
    rc, out, err = run(["path", "-f", "tsv", path, "type:" + t])
    near = [dist[v] for v in of_t if v in reach]
    if not near:
        check(rc == 1 and "every object of type" in err, "%s: path to type:%s (all garbage): "
              "exit %d, %r" % (label, t, rc, err))
    else:
        head, rows = tsv_rows(out)
        end = idx[int(rows[-1]["id"])] if rows else None
        check(rc == 0 and end is not None and d.types[end] == t and len(rows) == min(near),
              "%s: path to type:%s: exit %d, %d hops, want %d" % (label, t, rc, len(rows), min(near)))

    if not os.environ.get("NO_ANALYZE"):
        check_analyze(d, path, label, idx, idom, ret, kids, reach, members)


def brute_suspects(d, kids, ret, T):
    """MAT's accumulation points at T bytes, by brute force over the
    definition (memscope(1), ANALYSES): (kind, type, retained, id or count,
    holds, and for sorting a group's largest member's index)."""
    want = []
    stack = ["R"]
    while stack:
        v = stack.pop()
        bytype = defaultdict(list)
        for k in kids[v]:
            bytype[d.types[k]].append(k)
        follow = set()
        for t, ks in bytype.items():
            total = sum(ret[k] for k in ks)
            for k in ks:
                # at least twice the mean of the others
                if ret[k] >= T and (len(ks) == 1 or
                                    ret[k] * (len(ks) - 1) >= 2 * (total - ret[k])):
                    follow.add(k)
        stack += list(follow)
        rest = defaultdict(list)
        for k in kids[v]:
            if k not in follow:
                rest[d.types[k]].append(k)
        if v == "R":
            for t, ks in rest.items():
                if len(ks) >= 2 and sum(ret[k] for k in ks) >= T:
                    want.append(("group", t, sum(ret[k] for k in ks), len(ks), None, 0))
        elif ret[v] - sum(ret[k] for k in follow) >= T:
            holds = None
            for t, ks in rest.items():
                r = sum(ret[k] for k in ks)
                if len(ks) >= 2 and (holds is None or (r, len(ks)) > (holds[2], holds[1])):
                    holds = (t, len(ks), r)
            want.append(("object", d.types[v], ret[v], d.ids[v], holds))
    return want


def check_analyze(d, path, label, idx, idom, ret, kids, reach, members):
    rc, out, err = run(["analyze", "-f", "json", "--top", "0", path])
    check(rc == 0, "%s: analyze exit %d %s" % (label, rc, err))
    a = json.loads(out)
    check(a["roots"] == len(d.roots), "%s: roots %d, want %d" % (label, a["roots"], len(d.roots)))
    check(a["root_rule"] == {"header": "dump", "refcount": "refcount",
                             "noref": "no-referrers"}[d.rule], "%s: root rule" % label)

    # type retained: objects with no dominator ancestor of their own type
    want = defaultdict(int)
    for v in reach:
        p, mine = idom[v], True
        while p != "R":
            if d.types[p] == d.types[v]:
                mine = False
                break
            p = idom[p]
        if mine:
            want[d.types[v]] += ret[v]
    got = {t["type"]: t["retained"] for t in a["types"]}
    check(all(got.get(t, 0) == want.get(t, 0) for t in set(got) | set(want)),
          "%s: type retained %s, want %s" % (label, got, dict(want)))

    # top retainers: by retained, then id
    top = sorted(reach, key=lambda v: (-ret[v], d.ids[v]))
    got = [(r["id"], r["retained"]) for r in a["top_retainers"]]
    check(got == [(d.ids[v], ret[v]) for v in top], "%s: top retainers %s" % (label, got[:5]))
    n_suspects[0] += len(a["suspects"])

    # cycles and garbage totals
    c = a["cycles"]
    check(c["count"] == len(members) and
          c["objects"] == sum(len(m) for m in members.values()) and
          c["bytes"] == sum(d.sizes[v] for m in members.values() for v in m),
          "%s: analyze cycles %s" % (label, {k: c[k] for k in ("count", "objects", "bytes")}))
    gar = [v for v in range(d.n) if v not in reach]
    gtr = sum(1 for v in gar if (d.rule == "refcount" or (d.rule == "header" and v % 5 == 0))
              and d.gc[v])
    gcyc = sum(1 for m in members.values() if next(iter(m)) not in reach)
    gg = a["garbage"]
    check(gg["objects"] == len(gar) and gg["bytes"] == sum(d.sizes[v] for v in gar) and
          gg["tracked"] == gtr and gg["cycles"] == gcyc,
          "%s: analyze garbage %s, want %d %d %d" % (label, gg, len(gar), gtr, gcyc))

    # leak suspects, brute force over the definition (threshold 10%), then
    # the strongest found at a tenth of it when fewer than 3 cross it
    total = ret["R"]
    T = -(-total * 10 // 100) if total else 0
    want = brute_suspects(d, kids, ret, T) if total else []
    if total and len(want) < 3 and T > 1:
        low = brute_suspects(d, kids, ret, T // 10 or 1)
        low.sort(key=lambda w: (-w[2], idx[w[3]] if w[0] == "object" else 0))
        for w in low:
            if len(want) >= 3:
                break
            same = any(x[3] == w[3] if w[0] == "object" and x[0] == "object" else
                       (x[0] == w[0] == "group" and x[1] == w[1]) for x in want)
            if w[2] < T and not same:
                want.append(w)
    want = [w[:5] for w in want]
    got = []
    for s in a["suspects"]:
        if s["kind"] == "group":
            got.append(("group", s["type"], s["retained"], s["count"], s["holds"]))
        else:
            holds = s["holds"]
            got.append(("object", s["type"], s["retained"], s["id"],
                        (holds["type"], holds["count"], holds["retained"]) if holds else None))
        # the path leads from a root to the suspect over strong edges
        p = [idx[h["id"]] for h in s["path"]]
        ok = p and p[0] in d.roots and p[-1] == idx[s["id"]]
        for x, y in zip(p, p[1:]):
            ok = ok and any(t == y and not w for t, w, _ in d.out[x])
        check(ok, "%s: suspect path %s" % (label, s["path"]))
    check(sorted(got, key=str) == sorted(want, key=str),
          "%s: suspects %s, want %s" % (label, got, want))


def main():
    rng = random.Random(20261121)
    kinds = ["sparse", "dense", "chain", "dag", "tree", "cycles"]
    npieces = int(os.environ.get("GRAPHS", "400"))
    with tempfile.TemporaryDirectory() as tmp:
        for rule in ("header", "noref", "refcount"):
            for k in range(3):
                d = Dump(rng, [rng.choice(kinds) for _ in range(npieces)], rule)
                path = os.path.join(tmp, "%s-%d.jsonl" % (rule, k))
                d.write(path)
                check_dump(d, path, "%s-%d (%d pieces, %d objects)" % (rule, k, npieces, d.n))
        # single pieces, where the suspects and top-level shape differ most
        for k in range(60):
            rule = rng.choice(["header", "noref", "refcount"])
            d = Dump(rng, [rng.choice(kinds)], rule)
            path = os.path.join(tmp, "one-%d.jsonl" % k)
            d.write(path)
            check_dump(d, path, "one-%d (%s, %d objects)" % (k, rule, d.n))
    print("graphs: %d leak suspects compared" % n_suspects[0])
    return summary("graphs")


if __name__ == "__main__":
    sys.exit(main())
