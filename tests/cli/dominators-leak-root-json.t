# the subtree under one object, two levels, as JSON
args: dominators --root 3 --depth 2 -f json testdata/leak.jsonl
exit: 0
--- stdout
{
  "source": "testdata/leak.jsonl",
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 31,
  "reachable_bytes": 8360,
  "rows": 13,
  "hidden": 12,
  "tree": [
    {"id": 3, "type": "dict", "size": 300, "retained": 7500, "idom": 2, "depth": 0, "name": null},
    {"id": 100, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 101, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 102, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 103, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 104, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 105, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 106, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 107, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 108, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 109, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 110, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null},
    {"id": 111, "type": "app.Session", "size": 100, "retained": 600, "idom": 3, "depth": 1, "name": null}
  ]
}
