#!/usr/bin/env python3
"""bench_dump.py — speed and size of memscope_dump.py (make bench).

Builds a heap of ~1.2M objects (200k instances with a str, a float and a
list each) in the Python running this file, dumps it to a file outside the
repository and prints objects/s and bytes/object. Targets: at
least 400k objects/s, at most 130 bytes per object. With --trace N (make
bench runs both) the heap is built under tracemalloc with N frames, so the
dump records allocation sites: what tracing costs the dumper. Without
--trace, the reference dumper (tests/python/reference_dump.py, the
plain walk, one call per object) dumps the same heap beside it,
twice each, alternating: the best run of each is printed.
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "python"))
import memscope_dump  # noqa: E402


class Item:
    def __init__(self, i):
        self.name = "item%d" % i
        self.value = i * 1.5
        self.tags = [i, str(i)]


def main():
    n = int(os.environ.get("DUMP_ITEMS", "200000"))
    trace = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--trace" else 0
    if trace:
        import tracemalloc
        tracemalloc.start(trace)
    data = [Item(i) for i in range(n)]  # noqa: F841 (kept alive for the dump)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "memscope-bench-dump.jsonl")
    if trace:
        dumpers = [("", memscope_dump)]
    else:
        # Side by side with the reference dumper
        # (tests/python/reference_dump.py): two runs each,
        # alternating, the best of each.
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
        import reference_dump
        dumpers = [(" (the reference walk)", reference_dump), ("", memscope_dump)]
    best = {}
    for _ in range(1 if trace else 2):
        for name, m in dumpers:
            t = time.perf_counter()
            count = m.dump(path)
            dt = time.perf_counter() - t
            size = os.path.getsize(path)
            os.unlink(path)
            if name not in best or dt < best[name][1]:
                best[name] = (count, dt, size)
    for name, m in dumpers:
        count, dt, size = best[name]
        print("dumper%s (Python %d.%d.%d%s): %d objects in %.2f s: %.0f objects/s, %.1f "
              "bytes/object" % ((name,) + sys.version_info[:3] + (
                  ", tracemalloc %d frames" % trace if trace else "", count, dt, count / dt,
                  size / count)))
    if not trace:
        print("dumper: the faster walk takes %.2fx less time" % (
            best[dumpers[0][0]][1] / best[""][1]))


if __name__ == "__main__":
    main()
