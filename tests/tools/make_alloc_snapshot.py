#!/usr/bin/env python3
"""make_alloc_snapshot.py OUT — writes testdata/v8/alloc.heapsnapshot: a
hand-made V8 snapshot taken with allocation tracking (trace_function_infos,
trace_tree, each node's trace_node_id), small enough to work out by hand:

  main (app.js:1:1)                 allocated Temp (50 B)
    makeCache (app.js:10:20)        allocated the Map (100 B) and 2 Entry (200 B each)
      (anonymous) (app.js:20:5)     allocated a Buffer (300 B), held by the first Entry

Expected (tests/cli/v8-alloc-*.t): by innermost frame, makeCache made 3
objects of 500 B retaining 800 (the Map dominates its Entries and the
Buffer), the anonymous function 1 of 300, main 1 of 50; cumulatively main
has all 5 (850 B). Locations: the Buffer was defined at app.js:20:5, the
Temp in script 9, which no function info names. The file is committed; run
this again only to change it.

make_alloc_snapshot.py --no-functions OUT writes the same snapshot without
its trace_function_infos (testdata/v8/alloc-no-functions.heapsnapshot): every
trace node then names a function that is not there, so no object has a
site, though the snapshot has a trace tree (fuzz_analyze found `sites`
sorting a NULL array of no pairs there; tests/cli/v8-alloc-no-functions.t)."""
import json
import sys

from v8fixture import NF, Snapshot

# (key, type, name, id, size, trace node id, [(edge type, name, target key)])
NODES = [
    ("root", "synthetic", "", 1, 0, 0, [("element", 1, "global")]),
    ("global", "object", "Global", 3, 40, 0, [("property", "cache", "map"),
                                              ("property", "tmp", "temp")]),
    ("map", "object", "Map", 5, 100, 3, [("internal", "e1", "entry1"), ("internal", "e2", "entry2")]),
    ("entry1", "object", "Entry", 7, 200, 3, [("property", "data", "buffer")]),
    ("entry2", "object", "Entry", 9, 200, 3, []),
    ("temp", "object", "Temp", 11, 50, 2, []),
    ("buffer", "object", "Buffer", 13, 300, 4, []),
]
# function infos: function_id, name, script_name, script_id, line, column
FUNCTIONS = [(0, "(root)", "", 0, 0, 0), (1, "main", "app.js", 1, 1, 1),
             (2, "makeCache", "app.js", 1, 10, 20), (3, "", "app.js", 1, 20, 5)]
# trace nodes: id, function_info_index, count, size, children
TREE = [1, 0, 0, 0, [2, 1, 1, 50, [3, 2, 3, 500, [4, 3, 1, 300, []]]]]


def main():
    no_functions = sys.argv[1] == "--no-functions"
    out = sys.argv[-1]
    snap = Snapshot(NODES, "trace_node_id")
    infos = [[f, snap.s(n), snap.s(sc), sid, line, col] for f, n, sc, sid, line, col in FUNCTIONS]
    snap.meta.update({
        "trace_function_info_fields": ["function_id", "name", "script_name", "script_id", "line",
                                       "column"],
        "trace_node_fields": ["id", "function_info_index", "count", "size", "children"],
        "location_fields": ["object_index", "script_id", "line", "column"]})
    # The Buffer was defined at app.js line 20, column 5 (V8 counts from 0);
    # the Temp in script 9, which no function info names.
    functions = ('"trace_function_infos":[' + ",\n".join(",".join(map(str, r)) for r in infos) +
                 "],\n")
    counts = ',"trace_function_count":%d' % len(FUNCTIONS)
    tracking = ('"trace_tree":' + json.dumps(TREE, separators=(",", ":")) + ",\n" +
                '"samples":[],\n"locations":[%d,1,19,4,%d,9,0,0],\n'
                % (snap.pos["buffer"] * NF, snap.pos["temp"] * NF))
    if no_functions:
        snap.write(out, counts="", sections=tracking)
    else:
        snap.write(out, counts=counts, sections=functions + tracking)

if __name__ == "__main__":
    main()
