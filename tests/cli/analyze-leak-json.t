# analyze JSON: retainers, cycles, garbage, suspects with paths
args: analyze -f json --top 3 testdata/leak.jsonl
exit: 0
--- stdout
{
  "source": "testdata/leak.jsonl",
  "meta": {"runtime": "hand-made", "note": "a cache leak, a reachable cycle, garbage cycles"},
  "objects": 35,
  "references": 36,
  "bytes": 8628,
  "dangling": 0,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 31,
  "reachable_bytes": 8360,
  "baseline": null,
  "type_count": 8,
  "sort": "bytes",
  "types": [
    {"type": "bytes", "count": 13, "bytes": 6400, "percent": 74.18, "retained": 6400},
    {"type": "app.Session", "count": 12, "bytes": 1200, "percent": 13.91, "retained": 7200},
    {"type": "dict", "count": 3, "bytes": 580, "percent": 6.72, "retained": 8260}
  ],
  "top_retainers": [
    {"id": 1, "type": "module", "size": 100, "retained": 8360, "percent": 100.00, "name": "app"},
    {"id": 2, "type": "dict", "size": 200, "retained": 8260, "percent": 98.80, "name": ""},
    {"id": 3, "type": "dict", "size": 300, "retained": 7500, "percent": 89.71, "name": ""}
  ],
  "cycles": {
    "count": 3,
    "objects": 5,
    "bytes": 340,
    "shape_count": 3,
    "shapes": [
      {"shape": "{app.Node, dict}", "cycles": 1, "objects": 2, "bytes": 150, "garbage": 1},
      {"shape": "{app.Node ×2}", "cycles": 1, "objects": 2, "bytes": 100, "garbage": 0},
      {"shape": "{list}", "cycles": 1, "objects": 1, "bytes": 90, "garbage": 1}
    ]
  },
  "garbage": {
    "objects": 4,
    "bytes": 268,
    "tracked": 3,
    "cycles": 2,
    "in_cycles": 3,
    "finalizers": 0,
    "finalizer_cycles": 0
  },
  "threshold": 10.00,
  "suspects": [
    {
      "kind": "object",
      "id": 3,
      "type": "dict",
      "retained": 7500,
      "percent": 89.71,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "bytes", "count": 12, "bytes": 6000},
        {"type": "app.Session", "count": 12, "bytes": 1200},
        {"type": "dict", "count": 1, "bytes": 300}
      ],
      "holds": {"type": "app.Session", "count": 12, "retained": 7200},
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 3, "type": "dict", "edge": "'cache'", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 6,
      "type": "bytes",
      "retained": 400,
      "percent": 4.78,
      "count": 1,
      "below_threshold": true,
      "name": "payload",
      "parts": [
        {"type": "bytes", "count": 1, "bytes": 400}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 10, "type": "app.View", "edge": "'view'", "name": null},
        {"id": 6, "type": "bytes", "edge": "payload", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 4,
      "type": "app.Node",
      "retained": 100,
      "percent": 1.20,
      "count": 1,
      "below_threshold": true,
      "name": "head",
      "parts": [
        {"type": "app.Node", "count": 2, "bytes": 100}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 4, "type": "app.Node", "edge": "'head'", "name": null}
      ]
    }
  ]
}
