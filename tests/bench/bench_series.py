#!/usr/bin/env python3
"""bench_series.py — `memscope diff` over a series of six dumps of 2M
objects, against reading them.

The series is made from make bench's 2M-object dump (written once, under
$TMPDIR/memscope-bench): dump k is that dump plus, under one more root, a
dict that holds k * 20,000 leaked objects (1% of the heap a dump) and a
list of 5,000 scratch objects replaced in every dump. Prints diff's time
and peak RSS beside the sum of each dump's load (diff -v's own "loaded"
lines) and of `memscope analyze` on each, and whether the leak is the
first growing collection."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import timed

N_DUMPS, LEAK, SCRATCH = 6, 20_000, 5_000
LEAK_DICT, SCRATCH_LIST = 1 << 40, (1 << 40) + 1


def write_series(base, d):
    """Writes d/heap-1.jsonl .. heap-6.jsonl from base, once."""
    paths = [os.path.join(d, "heap-%d.jsonl" % k) for k in range(1, N_DUMPS + 1)]
    if all(os.path.exists(p) for p in paths):
        return paths
    print("bench: writing the series under %s..." % d, flush=True)
    os.makedirs(d, exist_ok=True)
    for k, path in enumerate(paths, 1):
        with open(base, "rb") as src, open(path + ".tmp", "wb") as out:
            head = json.loads(src.readline())
            head["roots"] = head["roots"] + [LEAK_DICT, SCRATCH_LIST]
            head["meta"]["seq"] = k
            out.write((json.dumps(head) + "\n").encode())
            for line in src:
                out.write(line)
            leaked = [(1 << 41) + i for i in range(k * LEAK)]
            out.write((json.dumps({"id": LEAK_DICT, "type": "dict", "size": 48 * len(leaked),
                                   "len": len(leaked), "refs": leaked}) + "\n").encode())
            for i in leaked:
                out.write(b'{"id": %d, "type": "app.Session", "size": 112}\n' % i)
            scratch = [(1 << 42) + k * SCRATCH + i for i in range(SCRATCH)]
            out.write((json.dumps({"id": SCRATCH_LIST, "type": "list", "size": 8 * SCRATCH,
                                   "len": SCRATCH, "refs": scratch}) + "\n").encode())
            for i in scratch:
                out.write(b'{"id": %d, "type": "app.Scratch", "size": 64}\n' % i)
        os.rename(path + ".tmp", path)
    return paths


def main():
    memscope = sys.argv[1] if len(sys.argv) > 1 else "./memscope"
    d = os.path.join(os.environ.get("TMPDIR", tempfile.gettempdir()), "memscope-bench")
    base = os.path.join(d, "python-v2-2000000.jsonl")
    if not os.path.exists(base):
        sys.exit("bench_series: %s missing: run make bench first" % base)
    paths = write_series(base, os.path.join(d, "series"))
    cmd = [memscope, "diff", "--no-index", "-q", "-v", "-f", "json", "--top", "1"] + paths
    runs = [timed(cmd) for _ in range(2)]
    secs, rss, err = min(runs)
    loads = sum(float(x) for x in re.findall(r"references in ([\d.]+) s", err))
    analyze = sum(timed([memscope, "analyze", "--no-index", "-q", p])[0] for p in paths)
    print("memscope diff (6 x 2M) %.2f s, %.0f MB peak; loading them %.2f s (%.2fx), "
          "analyze of each %.2f s (%.2fx)" % (secs, rss / 1024, loads, secs / loads, analyze,
                                             secs / analyze))
    first = re.search(r'"collections": \[\s*\{\s*"id": (\d+)', first_collection(memscope, paths))
    print("  first growing collection: %s (the leak is %d)"
          % (first.group(1) if first else "none", LEAK_DICT))


def first_collection(memscope, paths):
    """diff's JSON with one row of each table."""
    return subprocess.run([memscope, "diff", "--no-index", "-q", "-f", "json", "--top", "1"] +
                          paths, stdout=subprocess.PIPE, check=True).stdout.decode()


if __name__ == "__main__":
    main()
