#!/usr/bin/env python3
"""oracle_ruby.py — memscope's Ruby reader against Ruby's own collector.

tests/ruby/leaky.rb, run by Debian's ruby, leaks into a global registry and
a class-level cache and makes garbage with the collector off (two-object
cycles holding strings, self-referencing hashes); it dumps with
ObjectSpace.dump_all, turns allocation tracing on, runs GC.start and dumps
again. Checked:
  - garbage: what `memscope garbage` predicts from the first dump is
    exactly what Ruby freed: the objects gone from the second dump, or
    whose slot it shows reused by an object allocated since (it has a
    generation). Ruby may free a handful more: the objects the first
    dump_all used itself, which its stack still held while it dumped.
  - leak suspects: the registry (an Array held by a global) and the cache
    (a Hash held by its class) are leak suspects, the first with the path
    "(root: global_tbl)".
  - retained sizes and immediate dominators: every object's, against
    networkx's dominator tree over the same graph read with Python's json
    (references plus each object's class, special constants dropped).
  - diff identity: tests/ruby/reuse.rb dumps 3000 strings, frees them, and
    makes 3000 new ones that reuse about half their addresses; with the
    generations, `memscope diff` counts every old string freed and every
    new one new.
  - two threads: a dump over 8 MiB is read by two threads, each on half
    the lines; analyze, dominators and sites must print exactly what one
    thread gives (MEMSCOPE_THREADS=1).
  - types: an instance's type is its class's name (Session), a class's
    label its name, and a singleton class is "#<Class:Store>".
  - spellings: the first dump written otherwise, as JSON allows (escaped
    keys, spaces, keys in another order, hex in capitals and with leading
    zeros, keys the reader does not use with values of every kind, flags
    it does not know) analyzes exactly as Ruby's own spelling does: the
    reader's fast paths for dump_all's usual bytes and its general path
    agree.
Prints "ruby: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx

from oracle_graphs import dominator_oracle
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
PROGRAM = os.path.join(HERE, "ruby", "leaky.rb")
REUSE = os.path.join(HERE, "ruby", "reuse.rb")
USED_BY_DUMPING = 8  # at most, objects of the first dump_all freed with the garbage


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def read_dump(path):
    """(objects {addr: record}, roots {addr: kind}) with Python's json."""
    objs, roots = {}, {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "ROOT":
                for a in r["references"]:
                    roots.setdefault(int(a, 16), r["root"])
            else:
                objs[int(r["address"], 16)] = r
    return objs, roots


def heap_ref(a):
    return a >= 4096 and a % 8 == 0


def graph(objs, roots):
    g = nx.DiGraph()
    g.add_node("R")
    for a, r in objs.items():
        g.add_node(a)
        refs = [int(x, 16) for x in r.get("references", [])]
        if "class" in r:
            refs.append(int(r["class"], 16))
        for b in refs:
            if heap_ref(b) and b in objs:
                g.add_edge(a, b)
    for a in roots:
        if a in objs:
            g.add_edge("R", a)
    return g


class Sizes:
    """What oracle_graphs.dominator_oracle reads of a dump: its sizes."""

    def __init__(self, objs):
        self.sizes = {a: r.get("memsize", 0) for a, r in objs.items()}


def tsv(text):
    lines = text.rstrip("\n").split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln]


def check_garbage(first, second):
    objs1, _ = read_dump(first)
    objs2, _ = read_dump(second)
    freed = {a for a in objs1 if a not in objs2 or "generation" in objs2[a]}
    rc, out, err = memscope("garbage", "-f", "tsv", first)
    check(rc == 0, "memscope garbage: exit %d: %s" % (rc, err.strip()))
    predicted = {int(r["id"]) for r in tsv(out)} if rc == 0 else set()
    check(len(predicted) > 1000, "memscope garbage predicted only %d objects" % len(predicted))
    check(predicted <= freed, "%d objects predicted as garbage survived GC.start (first: %s)" % (
        len(predicted - freed), sorted(predicted - freed)[:3]))
    extra = freed - predicted
    check(len(extra) <= USED_BY_DUMPING, "Ruby freed %d objects memscope did not predict: %s" % (
        len(extra), sorted((objs1[a]["type"], a) for a in extra)[:8]))
    print("ruby: garbage: %d predicted, %d freed by GC.start" % (len(predicted), len(freed)))


def check_suspects(dump):
    rc, out, err = memscope("analyze", "-f", "json", dump)
    rep = json.loads(out) if rc == 0 else {}
    sus = rep.get("suspects", [])
    registry = [s for s in sus if s.get("type") == "Array" and s["path"] and
                s["path"][0].get("root") == "global_tbl"]
    check(registry, "the global registry is not a leak suspect reached from (root: global_tbl): %s"
          % json.dumps(sus)[:400])
    cache = [s for s in sus if s.get("type") == "Hash" and
             any(p.get("name") == "Store" for p in s.get("path", []))]
    check(cache, "the class-level cache is not a leak suspect reached through Store: %s" %
          json.dumps(sus)[:400])


def check_dominators(dump):
    objs, roots = read_dump(dump)
    g = graph(objs, roots)
    idom, ret, _, _ = dominator_oracle(Sizes(objs), g)
    rc, out, err = memscope("dominators", "--all", "-f", "tsv", dump)
    check(rc == 0, "memscope dominators: exit %d: %s" % (rc, err.strip()))
    rows = tsv(out) if rc == 0 else []
    reach = set(idom) - {"R"}  # networkx 3 leaves the start out, 2 put it in
    check(len(rows) == len(reach), "dominators: %d rows, networkx reaches %d" % (
        len(rows), len(reach)))
    bad = 0
    for r in rows:
        v = int(r["id"])
        want = "root" if idom.get(v) == "R" else str(idom.get(v))
        if r["idom"] != want or int(r["retained"]) != ret.get(v):
            bad += 1
            if bad <= 3:
                print("  object %s: idom %s retained %s; networkx %s %s" % (
                    v, r["idom"], r["retained"], want, ret.get(v)))
    check(bad == 0, "%d of %d objects differ from networkx's dominator tree" % (bad, len(rows)))


def check_types(dump):
    objs, _ = read_dump(dump)
    rc, out, _ = memscope("analyze", "-f", "json", "--top", "0", dump)
    types = {t["type"]: t["count"] for t in json.loads(out)["types"]} if rc == 0 else {}
    want = sum(1 for r in objs.values() if r["type"] == "OBJECT" and "class" in r and
               objs.get(int(r["class"], 16), {}).get("name") == "Session")
    check(types.get("Session") == want and want >= 5000, "Session instances: memscope %s, json %d"
          % (types.get("Session"), want))
    store = next(a for a, r in objs.items() if r.get("name") == "Store")
    single = int(objs[store]["class"], 16)
    rc, out, _ = memscope("show", "-f", "json", dump, str(single))
    shown = json.loads(out) if rc == 0 else {}
    check(shown.get("name") == "#<Class:Store>", "Store's singleton class shows as %r" %
          shown.get("name"))
    rc, out, _ = memscope("show", "-f", "json", dump, str(store))
    shown = json.loads(out) if rc == 0 else {}
    check(shown.get("name") == "Store" and shown.get("type") == "Class",
          "Store shows as %r of type %r" % (shown.get("name"), shown.get("type")))


def check_reuse(tmp):
    a, b = os.path.join(tmp, "reuse1.json"), os.path.join(tmp, "reuse2.json")
    p = subprocess.run(["ruby", REUSE, a, b], capture_output=True, text=True)
    check(p.returncode == 0, "ruby reuse.rb: exit %d: %s" % (p.returncode, p.stderr[-300:]))
    if p.returncode:
        return
    old = {int(r["address"], 16) for r in map(json.loads, open(a))
           if r.get("value", "").startswith("old string")}
    new = {int(r["address"], 16) for r in map(json.loads, open(b))
           if r.get("value", "").startswith("new string")}
    rc, out, err = memscope("diff", "-f", "json", a, b)
    rows = {t["type"]: t for t in json.loads(out)["types"]} if rc == 0 else {}
    s = rows.get("String", {})
    check(len(old & new) > 500, "reuse.rb: only %d addresses reused" % len(old & new))
    check(s.get("freed", 0) >= len(old) and s.get("new", 0) >= len(new),
          "diff: String freed %s new %s; %d old strings freed, %d new (%d reused addresses)" % (
              s.get("freed"), s.get("new"), len(old), len(new), len(old & new)))
    for f in (a, b):
        os.unlink(f)


BIG = r'''
require 'objspace'
ObjectSpace.trace_object_allocations_start
class Item; def initialize(i); @name = "item#{i}"; @tags = [i, i.to_s]; end; end
$items = Array.new(40_000) { |i| Item.new(i) }
CACHE = Hash.new
20_000.times { |i| CACHE["k#{i}"] = Item.new(i) }
File.open(ARGV[0], "w") { |f| ObjectSpace.dump_all(output: f) }
'''


def check_threads(tmp):
    dump = os.path.join(tmp, "big.json")
    p = subprocess.run(["ruby", "-e", BIG, dump], capture_output=True, text=True)
    check(p.returncode == 0 and os.path.getsize(dump) > (8 << 20),
          "big dump: exit %d, %s" % (p.returncode, p.stderr[-200:]))
    for args in (["analyze", "-f", "json", "--top", "0"], ["dominators", "--all", "-f", "tsv"],
                 ["sites", "-f", "tsv", "--top", "0"]):
        one = subprocess.run([MEMSCOPE, "-q"] + args + [dump], capture_output=True, text=True,
                             env=dict(os.environ, MEMSCOPE_THREADS="1"))
        two = subprocess.run([MEMSCOPE, "-q"] + args + [dump], capture_output=True, text=True,
                             env=dict(os.environ, MEMSCOPE_THREADS="2"))
        check(one.returncode == 0 and one.stdout == two.stdout and len(one.stdout) > 500,
              "%s: two threads differ from one" % args[0])
    os.unlink(dump)


def respell_key(k, i):
    """k escaped or spaced one way or another, chosen by i."""
    if i % 3 == 0:
        return '"\\u%04x%s"' % (ord(k[0]), k[1:])
    if i % 3 == 1:
        return ' "%s" ' % k
    return '"%s"' % k


def respell_value(k, v, i):
    if isinstance(v, str) and v.startswith("0x") and k in ("address", "class", "superclass"):
        return '"0x%s"' % ("0" * (i % 5) + v[2:].upper())
    if k == "references":
        return "[ %s ]" % " ,".join('"0x%s"' % r[2:].upper() for r in v)
    if k == "flags":
        flags = dict(v, marking=False, pinned=True)
        return "{%s}" % ", ".join("%s:%s" % (respell_key(f, i + j), json.dumps(x))
                                   for j, (f, x) in enumerate(sorted(flags.items())))
    return json.dumps(v)


def respell(src, dst):
    """Writes src's records with other spellings of the same JSON."""
    extra = [("zz_null", None), ("zz_neg", -12), ("zz_float", 1.5e3), ("zz_nest", {"a": [1, {"b": None}]}),
             ("zz_str", "x\u00e9\"y"), ("zz_zero", 0), ("zz_big", 123456789012)]
    with open(src) as f, open(dst, "w") as out:
        for i, line in enumerate(f):
            r = json.loads(line)
            items = list(r.items())
            items = items[::-1] if i % 2 else items
            if r.get("type") != "ROOT":
                items.insert(i % (len(items) + 1), extra[i % len(extra)])
            out.write("{%s}\n" % ",".join("%s:%s" % (respell_key(k, i + j), respell_value(k, v, i))
                                           for j, (k, v) in enumerate(items)))


def check_spellings(dump, tmp):
    dirs = [os.path.join(tmp, "a"), os.path.join(tmp, "b")]
    for d in dirs:
        os.makedirs(d)
    try:
        os.link(dump, os.path.join(dirs[0], "d.json"))
        respell(dump, os.path.join(dirs[1], "d.json"))
        with open(dump) as f:
            some = [json.loads(line) for line in f if '"references"' in line][-1]["address"]
        for args in (["analyze", "-f", "json", "--top", "0", "d.json"],
                     ["dominators", "--all", "-f", "tsv", "d.json"],
                     ["show", "-f", "json", "d.json", some]):
            one, two = (subprocess.run([os.path.abspath(MEMSCOPE), "-q", args[0],
                                        "--input-format", "ruby"] + args[1:],
                                       capture_output=True, text=True, cwd=d) for d in dirs)
            check(one.returncode == 0 and len(one.stdout) > 200,
                  "%s: exit %d: %s" % (args[0], one.returncode, one.stderr[-300:]))
            check(two.returncode == one.returncode and two.stdout == one.stdout,
                  "%s: the respelled dump analyzes otherwise (exit %d: %s)" % (
                      args[0], two.returncode, two.stderr[-300:]))
    finally:
        for d in dirs:
            if os.path.exists(os.path.join(d, "d.json")):
                os.unlink(os.path.join(d, "d.json"))
            os.rmdir(d)


def main():
    tmp = tempfile.mkdtemp(prefix="memscope-ruby-")
    first, second = os.path.join(tmp, "first.json"), os.path.join(tmp, "second.json")
    try:
        p = subprocess.run(["ruby", PROGRAM, first, second], capture_output=True, text=True)
        check(p.returncode == 0, "ruby leaky.rb: exit %d: %s" % (p.returncode, p.stderr[-300:]))
        if p.returncode == 0:
            check_garbage(first, second)
            check_suspects(second)
            check_dominators(first)
            check_dominators(second)
            check_types(second)
            check_spellings(first, tmp)
        check_reuse(tmp)
        check_threads(tmp)
    finally:
        for f in (first, second):
            if os.path.exists(f):
                os.unlink(f)
        os.rmdir(tmp)
    return summary("ruby")


if __name__ == "__main__":
    sys.exit(main())
