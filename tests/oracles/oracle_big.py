#!/usr/bin/env python3
"""oracle_big.py — the analyses on heaps shaped to break recursion and
quadratic steps: a 2M-long reference chain, the same chain closed into one
2M-object cycle, and a 2M-wide fan. Every answer is known in closed form
and checked exactly, object by object where the output lists objects.
Prints "big: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
GENDUMP = os.path.join(os.environ.get("BUILD", "build/rel"), "gendump")
N = int(os.environ.get("BIG_N", "2000000"))


def run(args):
    p = subprocess.run([MEMSCOPE, "-q"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode()


def gen_id(i):
    """gendump's id for object i."""
    return 0x7f0000000000 + 16 * ((2654435761 * i + 12345) & 0xffffffff)


def tsv(out):
    lines = out.decode().split("\n")
    return lines[0].split("\t"), [l.split("\t") for l in lines[1:] if l]


def chain(tmp):
    path = os.path.join(tmp, "chain.jsonl")
    subprocess.run([GENDUMP, "-n", str(N), "--shape", "chain", "-o", path], check=True)
    rc, out, err = run(["analyze", "-f", "json", "--top", "3", "--threshold", "50", path])
    check(rc == 0, "chain: analyze exit %d %s" % (rc, err))
    a = json.loads(out)
    check(a["reachable_objects"] == N and a["reachable_bytes"] == 16 * N,
          "chain: reachable %d %d" % (a["reachable_objects"], a["reachable_bytes"]))
    check([(r["id"], r["retained"]) for r in a["top_retainers"]] ==
          [(gen_id(i), 16 * (N - i)) for i in range(3)], "chain: top retainers")
    check(a["cycles"]["count"] == 0 and a["garbage"]["objects"] == 0, "chain: cycles, garbage")
    # one suspect: the first object whose own remainder reaches 10%: the
    # children followed down are the next link while it retains >= T
    T = -(-16 * N // 2)
    k = next(i for i in range(N) if 16 * (N - i - 1) < T)
    check([(s["id"], s["retained"], len(s["path"])) for s in a["suspects"]
           if not s["below_threshold"]] ==
          [(gen_id(k), 16 * (N - k), k + 1)], "chain: suspects %s" %
          [(s["id"], s["retained"], len(s["path"])) for s in a["suspects"]])

    rc, out, err = run(["dominators", "--all", "-f", "tsv", path])
    want = "id\ttype\tsize\tretained\tidom\tdepth\tname\n" + "".join(
        "%d\tNode\t16\t%d\t%s\t%d\t\n" % (gen_id(i), 16 * (N - i),
                                        "root" if i == 0 else gen_id(i - 1), i) for i in range(N))
    check(rc == 0 and out.decode() == want, "chain: dominator rows differ (exit %d, %d bytes)"
          % (rc, len(out)))

    rc, out, err = run(["path", "-f", "tsv", path, str(gen_id(N - 1))])
    want = "depth\tid\ttype\tedge\tname\n0\t%d\tNode\t\t\n" % gen_id(0) + "".join(
        "%d\t%d\tNode\tnext\t\n" % (i, gen_id(i)) for i in range(1, N))
    check(rc == 0 and out.decode() == want, "chain: path differs (exit %d)" % rc)


def ring(tmp):
    path = os.path.join(tmp, "ring.jsonl")
    with open(path, "w") as f:
        f.write('{"memscope": 1, "roots": [0]}\n')
        f.write("".join('{"id": %d, "type": "Node", "size": 16, "refs": [%d]}\n' % (i, (i + 1) % N)
                        for i in range(N)))
    rc, out, err = run(["cycles", "-f", "tsv", path])
    head, rows = tsv(out)
    check(rc == 0 and rows == [["1", str(N), str(16 * N), "reachable", "{Node \u00d7%d}" % N]],
          "ring: cycles %s %s" % (rows[:2], err))
    rc, out, err = run(["analyze", "-f", "json", "--top", "1", path])
    a = json.loads(out)
    check(rc == 0 and a["top_retainers"][0]["retained"] == 16 * N and
          a["cycles"]["objects"] == N, "ring: analyze")


def fan(tmp):
    path = os.path.join(tmp, "fan.jsonl")
    subprocess.run([GENDUMP, "-n", str(N), "--shape", "fan", "-o", path], check=True)
    total = 64 + 32 * (N - 1)
    rc, out, err = run(["analyze", "-f", "json", "--top", "2", path])
    a = json.loads(out)
    check(rc == 0 and a["top_retainers"][0]["retained"] == total and
          a["top_retainers"][1]["retained"] == 32, "fan: analyze")
    check([(s["id"], s["retained"], s["holds"]["count"]) for s in a["suspects"]] ==
          [(gen_id(0), total, N - 1)], "fan: suspects %s" % a["suspects"][:1])
    rc, out, err = run(["dominators", "--all", "-f", "tsv", path])
    hub = gen_id(0)
    # children by retained size (all 32), then number: dump order
    want = "id\ttype\tsize\tretained\tidom\tdepth\tname\n%d\tHub\t64\t%d\troot\t0\t\n" % (
        hub, total) + "".join("%d\tLeaf\t32\t32\t%d\t1\t\n" % (gen_id(i), hub)
                              for i in range(1, N))
    check(rc == 0 and out.decode() == want, "fan: dominator rows differ (exit %d)" % rc)
    rc, out, err = run(["path", "-f", "tsv", path, str(gen_id(N - 1))])
    head, rows = tsv(out)
    check(rc == 0 and [r[1] for r in rows] == [str(hub), str(gen_id(N - 1))], "fan: path")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        chain(tmp)
        ring(tmp)
        fan(tmp)
    return summary("big")


if __name__ == "__main__":
    sys.exit(main())
