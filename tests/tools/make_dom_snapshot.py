#!/usr/bin/env python3
"""make_dom_snapshot.py OUT — writes testdata/v8/dom.heapsnapshot: a
hand-made browser page snapshot, laid out as Chromium 156 writes one (the
root's only reference is "(GC roots)"; the Window is reached through a
native context; a detachedness field), small enough to work out by hand:

  (GC roots) -> (Global handles) -> NativeContext -> Window
  Window.panels   = Array [<section> (detached, holding a <td>), <section>]
  Window.cache    = Map -> table -> 3 Entry objects of 300 bytes
  Window.document = HTMLDocument (attached) -> <main id=app>

Expected (tests/cli/v8-dom-*.t): 3 detached nodes (2 <section>, 1 <td>
detached by propagation) of 250 bytes retaining 250, held by the Array;
the Map (not its table) and the Array are the suspects; no synthetic node,
no Window. The file is committed; run this again only to change it."""
import json
import sys

NODE_TYPES = ["hidden", "array", "string", "object", "code", "closure", "regexp", "number",
              "native", "synthetic", "concatenated string", "sliced string", "symbol",
              "bigint", "object shape"]
EDGE_TYPES = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"]

# (type, name, id, size, detachedness, [(edge type, name or index, target key)])
nodes = [
    ("synthetic", "", 1, 0, 0, [("element", 1, "gcroots")], "root"),
    ("synthetic", "(GC roots)", 3, 0, 0, [("element", 1, "handles")], "gcroots"),
    ("synthetic", "(Global handles)", 5, 0, 0, [("internal", "1", "ctx")], "handles"),
    ("native", "system / NativeContext / https://app.example/", 7, 40, 0,
     [("internal", "global_object", "window")], "ctx"),
    ("object", "Window [JSGlobalObject] / https://app.example/", 9, 24, 0,
     [("property", "panels", "array"), ("property", "cache", "map"),
      ("property", "document", "doc")], "window"),
    ("object", "Array", 11, 16, 0, [("element", 0, "sec1"), ("element", 1, "sec2")], "array"),
    ("native", '<section class="panel">', 13, 100, 2, [("element", 0, "td")], "sec1"),
    ("native", '<section class="panel">', 15, 100, 2, [], "sec2"),
    ("native", "<td>", 17, 50, 0, [], "td"),
    ("object", "Map", 19, 16, 0, [("internal", "table", "table")], "map"),
    ("array", "", 21, 200, 0, [("internal", "1", "e1"), ("internal", "2", "e2"),
                               ("internal", "3", "e3")], "table"),
    ("object", "Entry", 23, 300, 0, [], "e1"),
    ("object", "Entry", 25, 300, 0, [], "e2"),
    ("object", "Entry", 27, 300, 0, [], "e3"),
    ("native", "HTMLDocument", 29, 120, 1, [("element", 0, "main")], "doc"),
    ("native", "<main id=app>", 31, 80, 1, [], "main"),
]


def main():
    strings = ["<dummy>"]
    def s(x):
        if x not in strings:
            strings.append(x)
        return strings.index(x)
    pos = {n[6]: i for i, n in enumerate(nodes)}
    nf = 6
    node_rows, edge_rows = [], []
    for t, name, nid, size, det, edges, _ in nodes:
        node_rows.append([NODE_TYPES.index(t), s(name), nid, size, len(edges), det])
        for et, nm, target in edges:
            edge_rows.append([EDGE_TYPES.index(et), nm if et in ("element", "hidden") else s(nm),
                              pos[target] * nf])
    meta = {"node_fields": ["type", "name", "id", "self_size", "edge_count", "detachedness"],
            "node_types": [NODE_TYPES, "string", "number", "number", "number", "number"],
            "edge_fields": ["type", "name_or_index", "to_node"],
            "edge_types": [EDGE_TYPES, "string_or_number", "node"]}
    with open(sys.argv[1], "w") as f:
        f.write('{"snapshot":{"meta":%s,"node_count":%d,"edge_count":%d},\n'
                % (json.dumps(meta, separators=(",", ":")), len(nodes), len(edge_rows)))
        f.write('"nodes":[' + ",\n".join(",".join(map(str, r)) for r in node_rows) + "],\n")
        f.write('"edges":[' + ",\n".join(",".join(map(str, r)) for r in edge_rows) + "],\n")
        f.write('"strings":[' + ",\n".join(json.dumps(x) for x in strings) + "]}\n")


if __name__ == "__main__":
    main()
