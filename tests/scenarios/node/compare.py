#!/usr/bin/python3
"""compare.py [--out DIR] [--deps DIR] [--memlab DIR] [NAME ...]

Runs the Node leak scenarios (tests/scenarios/node/NAME.js) and holds
memscope's judgement of their dumps against memlab's. For each scenario:
`memlab find-leaks --baseline 1 --target 2 --final 3` (in its default,
browser-oriented mode and with --trace-all-objects), `memscope diff -f json
1 2 3` and `memscope analyze -f json 2`; the planted leak is found in each
answer by the rules of tests/scenarios/README.md (a path step's edge or name
in leak.names, or a type or holds.type in leak.types; for memlab, an edge
label or object name in its printed retainer traces). Prints a markdown
table: scenario, leak kind, leak %, memlab clusters and the leak's rank,
memscope diff clusters and rank, analyze rank ("-" = not found).

--deps DIR   the scenarios' node_modules are installed there by install.sh
             (default: $TMPDIR/memscope-scenario-deps)
--memlab DIR memlab is installed there with npm, never downloading a browser
             (default: $TMPDIR/memscope-memlab)
--out DIR    dumps and tool outputs (default: a fresh temporary directory)
Needs node, npm (registry access for the first installs) and a built
./memscope at the repository's top.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MEMSCOPE = os.path.join(ROOT, "memscope")
MEMLAB_VERSION = "2.0.5"

KINDS = {
    "audit_log_strings": "string log array",
    "closure_registry": "closures in a global registry",
    "interval_pollers": "setInterval never cleared",
    "listener_per_request": "listener per request",
    "pending_promises": "never-settled promises in a Set",
    "strong_map_by_req": "Map keyed by req (not WeakMap)",
    "ts_static_registry": "class static registry",
    "unbounded_map_cache": "unbounded Map cache",
}


def install_memlab(d):
    exe = os.path.join(d, "node_modules", ".bin", "memlab")
    if os.path.exists(exe):
        return exe
    os.makedirs(d, exist_ok=True)
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1")
    subprocess.run(["npm", "install", "--prefix", d, "--no-save", "--no-audit", "--no-fund",
                    "--loglevel=error", "memlab@" + MEMLAB_VERSION], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return exe


class Leak:
    def __init__(self, expect):
        self.names = set(expect["leak"]["names"])
        self.types = set(expect["leak"]["types"])

    def path_hit(self, path):
        for step in path or []:
            if isinstance(step, dict):
                if step.get("edge") in self.names or step.get("name") in self.names:
                    return True
        return False

    def item(self, x):
        """A diff cluster or an analyze suspect."""
        if self.path_hit(x.get("path")):
            return True
        if x.get("type") in self.types:
            return True
        return (x.get("holds") or {}).get("type") in self.types

    def memlab_trace(self, text):
        # edges print as "--NAME (property)--->", objects as "[NAME] (object)"
        for n in self.names:
            bare = n[1:-1] if n.startswith("[") and n.endswith("]") else n
            if re.search(r"--%s \(" % re.escape(bare), text):
                return True
        return any("[%s] (" % t in text for t in self.types)


def rank(items, hit):
    for i, x in enumerate(items):
        if hit(x):
            return str(i + 1)
    return "-"


def memlab(exe, d, work, extra):
    snaps = [os.path.join(d, "%d.heapsnapshot" % i) for i in (1, 2, 3)]
    p = subprocess.run([exe, "find-leaks", "--baseline", snaps[0], "--target", snaps[1],
                        "--final", snaps[2], "--work-dir", work] + extra,
                       capture_output=True, text=True, timeout=900)
    out = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", p.stdout + p.stderr)
    blocks = out.split("--Similar leaks in this run:")[1:]
    return blocks, out


def memscope_json(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args) + ["-f", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("memscope %s: exit %d %s" % (" ".join(args), p.returncode, p.stderr[-300:]))
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out")
    ap.add_argument("--deps", default=os.path.join(tempfile.gettempdir(), "memscope-scenario-deps"))
    ap.add_argument("--memlab", default=os.path.join(tempfile.gettempdir(), "memscope-memlab"))
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="memscope-compare-")
    subprocess.run(["sh", os.path.join(HERE, "install.sh"), a.deps], check=True)
    exe = install_memlab(a.memlab)
    names = a.names or sorted(os.path.basename(f)[:-3] for f in glob.glob(os.path.join(HERE, "*.js"))
                              if os.path.basename(f) != "kit.js")
    env = dict(os.environ, NODE_PATH=os.path.join(a.deps, "node_modules"))
    rows = []
    for name in names:
        d = os.path.join(out, name)
        t0 = time.time()
        subprocess.run(["node", "--expose-gc", os.path.join(HERE, name + ".js"), d], check=True, env=env)
        secs = time.time() - t0
        expect = json.load(open(os.path.join(d, "expect.json")))
        leak = Leak(expect)
        snaps = [os.path.join(d, "%d.heapsnapshot" % i) for i in (1, 2, 3)]
        mb = " / ".join("%.1f" % (os.path.getsize(s) / 1e6) for s in snaps)
        ml_default, _ = memlab(exe, d, os.path.join(d, "memlab-default"), [])
        ml_all, text = memlab(exe, d, os.path.join(d, "memlab-all"), ["--trace-all-objects"])
        with open(os.path.join(d, "memlab-all.txt"), "w") as f:
            f.write(text)
        diff = memscope_json("diff", "--top", "0", *snaps)
        with open(os.path.join(d, "diff.json"), "w") as f:
            json.dump(diff, f)
        an = memscope_json("analyze", snaps[1])
        rows.append([name, KINDS.get(name, "?"), "%.1f" % expect["leak_percent"],
                     "%d / %d" % (len(ml_default), len(ml_all)),
                     "%s / %s" % (rank(ml_default, leak.memlab_trace), rank(ml_all, leak.memlab_trace)),
                     str(len(diff.get("leaks") or [])), rank(diff.get("leaks") or [], leak.item),
                     rank(an.get("suspects") or [], leak.item), "%.1f s" % secs, mb])
        print("%s: done" % name, file=sys.stderr)
    head = ["scenario", "leak kind", "leak %", "memlab clusters (default / all)",
            "memlab rank (default / all)", "memscope diff clusters", "memscope rank",
            "analyze rank", "scenario time", "dumps MB (1 / 2 / 3)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print("\ndumps and tool outputs: %s" % out)


if __name__ == "__main__":
    main()
