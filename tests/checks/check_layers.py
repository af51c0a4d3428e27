#!/usr/bin/env python3
"""check_layers.py — no two files of src/report/ lean on each other.

Reads the object files of src/report/ with `nm`: which functions each one
defines and which it calls. File A depends on file B when A calls a
function B defines. The check fails on any cycle in that graph (a feature
file that uses a helper of another feature file which uses it back): a
helper several files share lives in a file of its own (node.c, escape.c,
fmt.c, jsonw.c...). It prints the dependencies it found, then the cycles.

Needs the built objects: BUILD (default build/rel) after `make memscope`;
run from the top of the repository.
Prints "layers: N passed, N failed".
"""
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

BUILD = os.environ.get("BUILD", "build/rel")


def symbols(obj):
    """(defined, undefined) global symbol names of an object file."""
    out = subprocess.run(["nm", "-g", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBR":
            defined.add(parts[2])
    return defined, undefined


def cycles(graph):
    """The strongly connected components of more than one file (Tarjan,
    iterative), and files that call themselves never count."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def main():
    # Objects of files that still exist (a removed file's object may linger).
    objs = sorted(o for o in glob.glob(os.path.join(BUILD, "src/report/*.o"))
                  if os.path.exists(os.path.join("src/report", os.path.basename(o)[:-2] + ".c")))
    check(len(objs) > 1, "no objects in %s/src/report: build first (make memscope)" % BUILD)
    syms = {os.path.basename(o)[:-2] + ".c": symbols(o) for o in objs}
    owner = {}
    for name, (defined, _) in syms.items():
        for s in defined:
            owner[s] = name
    graph = {name: set() for name in syms}
    for name, (_, undefined) in syms.items():
        for s in undefined:
            if s in owner and owner[s] != name:
                graph[name].add(owner[s])
    for name in sorted(graph):
        print("%-12s -> %s" % (name, " ".join(sorted(graph[name])) or "-"))
    found = cycles(graph)
    for comp in found:
        print("cycle:", " <-> ".join(comp))
    check(not found, "files of src/report/ that depend on each other: %s" % found)
    return summary("layers")


if __name__ == "__main__":
    sys.exit(main())
