#!/usr/bin/env python3
"""make_wide_snapshot.py OUT — writes testdata/v8/wide.heapsnapshot: a
hand-made V8 snapshot of 3,000 objects whose "locations" come in no
order, and whose element indices reach 2^22 (names written out from the
index, 7 digits: no table of names, nor a short one, may stand in).

  - The root holds object k (1..2999) by element edge k, but for object
    2998, held as element 4194303, and object 2999, as element 4194304.
  - Object k (id 2k+1, type Thing) was defined in script k % 5, line k,
    column k % 11 (V8 counts both from 0; memscope shows them from 1). The
    locations are shuffled, which takes the reader's sort two passes of
    11 bits; object 1500 has a second location, listed after its first,
    which memscope must not show (the first one listed wins, as before).

Expected (tests/cli/v8-wide-*.t): show 3001 (object 1500) says "defined at
script 0:1501:5" and is held by "[1500]"; show 5997 (object 2998) "script
3:2999:7", "[4194303]"; show 5999 (object 2999) "script 4:3000:8",
"[4194304]". The file is committed; run this again only to change it."""
import random
import sys

from v8fixture import NF, Snapshot

N = 3000


def index(k):
    return {2998: (1 << 22) - 1, 2999: 1 << 22}.get(k, k)


def main():
    nodes = [("root", "synthetic", "", 1, 0, 0,
              [("element", index(k), k) for k in range(1, N)])]
    nodes += [(k, "object", "Thing", 2 * k + 1, 10, 0, []) for k in range(1, N)]
    snap = Snapshot(nodes, "trace_node_id")
    snap.meta["location_fields"] = ["object_index", "script_id", "line", "column"]
    locs = [[k * NF, k % 5, k, k % 11] for k in range(1, N)]
    random.Random(7).shuffle(locs)
    first = next(i for i, l in enumerate(locs) if l[0] == 1500 * NF)
    locs.insert(first + 1 + (len(locs) - first) // 2, [1500 * NF, 1, 99999, 0])
    snap.write(sys.argv[1], sections='"locations":[' +
               ",\n".join(",".join(map(str, l)) for l in locs) + "],\n")


if __name__ == "__main__":
    main()
