#!/usr/bin/env python3
"""bench_ruby.py — memscope on a Ruby ObjectSpace.dump_all of about a
million objects against Ruby's own JSON.parse, line by line (make bench
RUBY=1; the target: memscope's whole analyze at least 20x faster).

Debian's ruby records the dump (330k instances with a string and an array
each, plus Ruby's own objects: about 1.34M records, 320 MB) outside the
repository. Prints the best of three `memscope analyze` runs with its
peak RSS, the load alone, one JSON.parse run, and the ratios.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

PROGRAM = r'''
require 'objspace'
class Item
  def initialize(i); @name = "item#{i}"; @tags = [i, i.to_s]; end
end
$items = Array.new(330_000) { |i| Item.new(i) }
GC.start
File.open(ARGV[0], "w") { |f| ObjectSpace.dump_all(output: f) }
'''


def timed(cmd, env=None):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True,
                       env=env)
    return time.perf_counter() - t, int(p.stderr.strip().splitlines()[-1]), p


def main():
    memscope = sys.argv[1] if len(sys.argv) > 1 else "./memscope"
    tmp = tempfile.mkdtemp(prefix="memscope-bench-ruby-")
    dump = os.path.join(tmp, "heap.json")
    try:
        subprocess.run(["ruby", "-e", PROGRAM, dump], check=True)
        size = os.path.getsize(dump)
        runs = [timed([memscope, "-q", "-v", "analyze", "--no-index", dump]) for _ in range(3)]
        best = min(runs, key=lambda r: r[0])
        m = re.search(r"loaded (\d+) objects.* in ([0-9.]+) s", best[2].stderr)
        objects, load = int(m.group(1)), float(m.group(2))
        t = time.perf_counter()
        subprocess.run(["ruby", "-rjson", "-e", "File.foreach(ARGV[0]) { |l| JSON.parse(l) }",
                        dump], check=True)
        ruby = time.perf_counter() - t
        print("ruby dump: %d objects, %.0f MB" % (objects, size / 1e6))
        print("  memscope analyze  %.2f s  %.0f objects/s  peak RSS %.0f MB  (load %.2f s)" % (
            best[0], objects / best[0], best[1] / 1024, load))
        print("  Ruby JSON.parse   %.2f s  per line (%s)" % (
            ruby, subprocess.run(["ruby", "-v"], capture_output=True, text=True).stdout.split()[1]))
        print("  ratio             %.1fx (analyze), %.1fx (load)" % (ruby / best[0], ruby / load))
    finally:
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
