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
import sys

from v8fixture import Snapshot

# (type, name, id, size, detachedness, [(edge type, name or index, target key)], key)
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
    snap = Snapshot([(n[6],) + n[:6] for n in nodes], "detachedness")
    snap.write(sys.argv[1])


if __name__ == "__main__":
    main()
