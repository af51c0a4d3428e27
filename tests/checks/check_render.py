#!/usr/bin/env python3
"""check_render.py — `memscope graph` rendered in process by libgvc.

Runs with a PATH that holds no `dot` (memscope must never need the program)
and checks what comes out: SVG parsed as XML with the expected node titles,
labels and edge labels, exactly the nodes of the DOT text; PNG and PDF by
their magic bytes (and the PNG's size); .dot and .gv files byte-equal to the
DOT on stdout; -T overriding the extension; another layout engine; output
written through a temporary file (an existing file replaced, nothing left
beside it); binary formats refused on a terminal.

Prints "render: N passed, N failed".
"""
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.path.abspath(os.environ.get("MEMSCOPE", "./memscope"))
LEAK = os.path.abspath("testdata/leak.jsonl")


def run(args, **kw):
    # No `dot` reachable: libgvc must do all the work in process.
    env = dict(os.environ, PATH="/nonexistent", LC_ALL="C")
    return subprocess.run([MEMSCOPE] + args, capture_output=True, env=env, **kw)


def main():
    tmp = tempfile.mkdtemp(prefix="memscope-render-")
    base = ["graph", "--backrefs", "--max-depth", "4", "--highlight", "app.Session", "200"]

    dot = run(base + [LEAK])
    check(dot.returncode == 0, "DOT to stdout: exit %d %s" % (dot.returncode, dot.stderr))
    dot_nodes = set(re.findall(rb'^  (o\d+) \[', dot.stdout, re.M))
    check(dot_nodes == {b"o200", b"o100", b"o3", b"o2", b"o10", b"o1"},
          "DOT nodes: %s" % sorted(dot_nodes))

    # SVG: parse it; node titles are the DOT names, texts are the labels.
    svg = os.path.join(tmp, "why.svg")
    p = run(base + [LEAK, "-o", svg])
    check(p.returncode == 0 and p.stdout == b"", "-o svg: exit %d %s" % (p.returncode, p.stderr))
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    groups = {g.get("class"): [] for g in root.iter(ns + "g")}
    for g in root.iter(ns + "g"):
        title = g.find(ns + "title")
        texts = [t.text for t in g.iter(ns + "text")]
        groups.setdefault(g.get("class"), []).append((title.text if title is not None else None,
                                                      texts))
    nodes = {t: texts for t, texts in groups.get("node", [])}
    edges = {t: texts for t, texts in groups.get("edge", [])}
    check(set(nodes) == {n.decode() for n in dot_nodes}, "SVG nodes: %s" % sorted(nodes))
    check(nodes.get("o200") == ["bytes", "500 B · 500 B retained"],
          "SVG label of o200: %s" % nodes.get("o200"))
    check(nodes.get("o1") == ["module", "app", "100 B · 8.2 KiB retained"],
          "SVG label of o1: %s" % nodes.get("o1"))
    check(edges.get("o3->o100") == ["'user0'"], "SVG edge label: %s" % edges.get("o3->o100"))
    check(edges.get("o10->o3") == [], "SVG weak edge without a name: %s" % edges.get("o10->o3"))
    body = open(svg, encoding="utf-8").read()
    check('stroke-dasharray="5,2"' in body, "SVG: the weak arrow is dashed")
    check('fill="red"' in body, "SVG: the start's text is red")

    # PNG and PDF by their magic bytes.
    png = os.path.join(tmp, "why.png")
    p = run(base + [LEAK, "-o", png])
    data = open(png, "rb").read() if os.path.exists(png) else b""
    check(p.returncode == 0 and data[:8] == b"\x89PNG\r\n\x1a\n", "PNG magic")
    if len(data) > 24:
        w, h = struct.unpack(">II", data[16:24])
        check(100 < w < 2000 and 100 < h < 2000, "PNG size %dx%d" % (w, h))
    pdf = os.path.join(tmp, "why.pdf")
    p = run(base + [LEAK, "-o", pdf])
    check(p.returncode == 0 and open(pdf, "rb").read(5) == b"%PDF-", "PDF magic")

    # DOT files equal stdout; -T beats the extension; -T to stdout.
    for ext in ("dot", "gv"):
        f = os.path.join(tmp, "why." + ext)
        p = run(base + [LEAK, "-o", f])
        check(p.returncode == 0 and open(f, "rb").read() == dot.stdout, "-o .%s = stdout" % ext)
    f = os.path.join(tmp, "why.dot")
    p = run(base + ["-T", "svg", LEAK, "-o", f])
    check(open(f, "rb").read().lstrip().startswith(b"<?xml"), "-T svg into a .dot name")
    p = run(base + ["-T", "svg", LEAK])
    check(p.returncode == 0 and b"<svg" in p.stdout, "-T svg on stdout")
    p = run(base + ["-T", "png", "--layout", "neato", LEAK])
    check(p.returncode == 0 and p.stdout[:4] == b"\x89PNG", "--layout neato -T png on stdout")

    # Written through a temporary file: an old file is replaced whole,
    # nothing is left beside it, and a failure leaves the old file alone.
    f = os.path.join(tmp, "keep.svg")
    with open(f, "w") as out:
        out.write("old")
    p = run(base + [LEAK, "-o", f])
    check(p.returncode == 0 and open(f).read().lstrip().startswith("<?xml"), "old file replaced")
    p = run(["graph", "--backrefs", "999", LEAK, "-o", f])
    check(p.returncode == 5 and open(f).read().lstrip().startswith("<?xml"),
          "a failed run leaves the output alone")
    left = sorted(x for x in os.listdir(tmp) if not re.match(r"^(why|keep|nasty)\.\w+$", x))
    check(left == [], "no temporary files left: %s" % left)

    # Hostile strings from a dump make valid DOT: quotes, backslashes (\\N
    # would be Graphviz's node-name escape), newlines, control characters,
    # non-ASCII, HTML-like text.
    nasty = os.path.join(tmp, "nasty.jsonl")
    with open(nasty, "w") as out:
        out.write(json.dumps({"memscope": 1, "roots": [1]}) + "\n")
        out.write(json.dumps({"id": 1, "type": 'we"ird\\N<b>', "size": 8, "refs": [2],
                              "names": ['k"\\\n\t\u0001'], "value": "a\"b\\c\nd\u00e9\u2603"})
                  + "\n")
        out.write(json.dumps({"id": 2, "type": "x" * 100, "size": 8, "name": "é" * 50}) + "\n")
    p = run(["graph", "--refs", "1", nasty])
    check(p.returncode == 0, "hostile strings: exit %d %s" % (p.returncode, p.stderr))
    lines = p.stdout.decode()
    check('label="we\\"ird\\\\N<b>\\na\\"b\\\\c\\\\nd\u00e9\u2603\\n8 B' in lines,
          "hostile node label escaped: %s" % lines)
    check('[label="k\\"\\\\\\\\n\\\\t\\\\x01"]' in lines, "hostile edge name escaped: %s" % lines)
    check('label="' + "x" * 60 + '\u2026\\n' + "é" * 32 + '\u2026\\n' in lines, "long strings cut")
    p = run(["graph", "--refs", "1", nasty, "-T", "svg"])
    texts = [t.text for t in ET.fromstring(p.stdout).iter("{http://www.w3.org/2000/svg}text")]
    check(p.returncode == 0 and 'we"ird\\N<b>' in texts and 'a"b\\c\\nd\u00e9\u2603' in texts
          and 'k"\\\\n\\t\\x01' in texts,
          "hostile strings rendered as written: %s" % texts)

    # Binary output is refused on a terminal.
    master, slave = pty.openpty()
    env = dict(os.environ, PATH="/nonexistent")
    p = subprocess.run([MEMSCOPE] + base + ["-T", "png", LEAK], stdout=slave,
                       stderr=subprocess.PIPE, env=env)
    os.close(slave)
    os.close(master)
    check(p.returncode == 2 and b"will not write png to a terminal" in p.stderr,
          "PNG refused on a terminal: %d %s" % (p.returncode, p.stderr))

    shutil.rmtree(tmp)
    return summary("render")


if __name__ == "__main__":
    sys.exit(main())
