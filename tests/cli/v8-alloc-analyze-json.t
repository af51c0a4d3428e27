# analyze's JSON gets the sites key when the dump has sites
args: analyze -f json --top 2 testdata/v8/alloc.heapsnapshot
exit: 0
--- stdout
{
  "source": "testdata/v8/alloc.heapsnapshot",
  "meta": {"runtime": "V8", "format": "heapsnapshot"},
  "objects": 7,
  "references": 6,
  "bytes": 890,
  "dangling": 0,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 7,
  "reachable_bytes": 890,
  "baseline": {
    "objects": 0,
    "bytes": 0,
    "largest": null
  },
  "type_count": 6,
  "sort": "bytes",
  "types": [
    {"type": "Entry", "count": 2, "bytes": 400, "percent": 44.94, "retained": 700},
    {"type": "Buffer", "count": 1, "bytes": 300, "percent": 33.71, "retained": 300}
  ],
  "top_retainers": [
    {"id": 1, "type": "(synthetic)", "size": 0, "retained": 890, "percent": 100.00, "name": ""},
    {"id": 3, "type": "Global", "size": 40, "retained": 890, "percent": 100.00, "name": ""}
  ],
  "cycles": {
    "count": 0,
    "objects": 0,
    "bytes": 0,
    "shape_count": 0,
    "shapes": []
  },
  "garbage": {
    "objects": 0,
    "bytes": 0,
    "tracked": 0,
    "cycles": 0,
    "in_cycles": 0,
    "finalizers": 0,
    "finalizer_cycles": 0
  },
  "threshold": 10.00,
  "suspects": [
    {
      "kind": "object",
      "id": 3,
      "type": "Global",
      "retained": 890,
      "percent": 100.00,
      "count": 1,
      "below_threshold": false,
      "name": null,
      "parts": [
        {"type": "Entry", "count": 2, "bytes": 400},
        {"type": "Buffer", "count": 1, "bytes": 300},
        {"type": "Map", "count": 1, "bytes": 100}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Global", "edge": "[1]", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 5,
      "type": "Map",
      "retained": 800,
      "percent": 89.89,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "Entry", "count": 2, "bytes": 400},
        {"type": "Buffer", "count": 1, "bytes": 300},
        {"type": "Map", "count": 1, "bytes": 100}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Global", "edge": "[1]", "name": null},
        {"id": 5, "type": "Map", "edge": "cache", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 7,
      "type": "Entry",
      "retained": 500,
      "percent": 56.18,
      "count": 1,
      "below_threshold": false,
      "name": "e1",
      "parts": [
        {"type": "Buffer", "count": 1, "bytes": 300},
        {"type": "Entry", "count": 1, "bytes": 200}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Global", "edge": "[1]", "name": null},
        {"id": 5, "type": "Map", "edge": "cache", "name": null},
        {"id": 7, "type": "Entry", "edge": "e1", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 13,
      "type": "Buffer",
      "retained": 300,
      "percent": 33.71,
      "count": 1,
      "below_threshold": false,
      "name": "data",
      "parts": [
        {"type": "Buffer", "count": 1, "bytes": 300}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Global", "edge": "[1]", "name": null},
        {"id": 5, "type": "Map", "edge": "cache", "name": null},
        {"id": 7, "type": "Entry", "edge": "e1", "name": null},
        {"id": 13, "type": "Buffer", "edge": "data", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 9,
      "type": "Entry",
      "retained": 200,
      "percent": 22.47,
      "count": 1,
      "below_threshold": false,
      "name": "e2",
      "parts": [
        {"type": "Entry", "count": 1, "bytes": 200}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Global", "edge": "[1]", "name": null},
        {"id": 5, "type": "Map", "edge": "cache", "name": null},
        {"id": 9, "type": "Entry", "edge": "e2", "name": null}
      ]
    }
  ],
  "sites": [
    {
      "site": "makeCache (app.js:10:20)",
      "count": 3,
      "bytes": 500,
      "retained": 800,
      "top_type": "Entry",
      "types": [
        {"type": "Map", "count": 1, "bytes": 100},
        {"type": "Entry", "count": 2, "bytes": 400}
      ]
    },
    {
      "site": "(anonymous) (app.js:20:5)",
      "count": 1,
      "bytes": 300,
      "retained": 300,
      "top_type": "Buffer",
      "types": [
        {"type": "Buffer", "count": 1, "bytes": 300}
      ]
    }
  ]
}
