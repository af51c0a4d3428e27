#!/usr/bin/env python3
"""make_bad_indexes.py — writes the index files the bad-input tests read:
testdata/bad/index-*.index (the golden tests tests/cli/bad-index-*.t) and
tests/fuzz/seeds_index/*.index (the index fuzzer's seeds), with the
memscope given as MEMSCOPE (default ./memscope). Run it again when the
index layout (src/index/layout.h) changes.

Usage: MEMSCOPE=./memscope python3 tests/tools/make_bad_indexes.py
"""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index_layout import EDGE_TO, OFF_BOM, OFF_OFFSETS

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")

SEEDS = {"bigsize": "testdata/bigsize.jsonl", "small": "testdata/small.jsonl",
         "sites": "testdata/sites.jsonl", "ruby-small": "testdata/ruby/small.json",
         "v8-alloc": "testdata/v8/alloc.heapsnapshot", "v8-dom": "testdata/v8/dom.heapsnapshot"}


def index_of(dump):
    """The bytes of dump's index."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "x.msi")
        subprocess.run([MEMSCOPE, "-q", "index", dump, "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out, "rb") as f:
            return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    small = index_of("testdata/small.jsonl")
    b = bytearray(small)
    at = struct.unpack_from("<Q", b, OFF_OFFSETS + 8 * EDGE_TO)[0]
    struct.pack_into("<I", b, at + 4 * 6, 0xfffffff0)
    write("testdata/bad/index-edge-out-of-range.index", b)
    b = bytearray(small)
    b[OFF_BOM:OFF_BOM + 4] = b[OFF_BOM:OFF_BOM + 4][::-1]
    write("testdata/bad/index-other-byte-order.index", b)
    write("testdata/bad/index-truncated.index", small[:len(small) // 2])
    for name, dump in SEEDS.items():
        write("tests/fuzz/seeds_index/%s.index" % name, index_of(dump))
    with tempfile.TemporaryDirectory() as d:
        empty = os.path.join(d, "empty.jsonl")
        write(empty, b'{"memscope": 1}\n')
        write("tests/fuzz/seeds_index/empty.index", index_of(empty))
    return 0


if __name__ == "__main__":
    sys.exit(main())
