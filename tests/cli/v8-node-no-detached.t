# The rules snapshot has detached nodes but no document: no DOM, no detached key
args: analyze -f json --top 1 testdata/v8/rules.heapsnapshot
exit: 0
--- stdout
{
  "source": "testdata/v8/rules.heapsnapshot",
  "meta": {"runtime": "V8", "format": "heapsnapshot"},
  "objects": 18,
  "references": 24,
  "bytes": 739,
  "dangling": 0,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 18,
  "reachable_bytes": 739,
  "baseline": {
    "objects": 1,
    "bytes": 12,
    "largest": null
  },
  "type_count": 16,
  "sort": "bytes",
  "types": [
    {"type": "Cache", "count": 1, "bytes": 240, "percent": 32.48, "retained": 240}
  ],
  "top_retainers": [
    {"id": 1, "type": "(synthetic)", "size": 0, "retained": 739, "percent": 100.00, "name": ""}
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
      "id": 7,
      "type": "Cache",
      "retained": 240,
      "percent": 32.48,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "Cache", "count": 1, "bytes": 240},
        {"type": "(array)", "count": 1, "bytes": 0}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Window", "edge": "window", "name": null},
        {"id": 7, "type": "Cache", "edge": "cache", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 29,
      "type": "Detached <div>",
      "retained": 88,
      "percent": 11.91,
      "count": 1,
      "below_threshold": false,
      "name": "dom",
      "parts": [
        {"type": "Detached <div>", "count": 1, "bytes": 80},
        {"type": "Detached HTMLSpanElement", "count": 1, "bytes": 8}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Window", "edge": "window", "name": null},
        {"id": 29, "type": "Detached <div>", "edge": "dom", "name": "Detached <div id=app>"}
      ]
    },
    {
      "kind": "object",
      "id": 9,
      "type": "WeakMap",
      "retained": 80,
      "percent": 10.83,
      "count": 1,
      "below_threshold": false,
      "name": "wm",
      "parts": [
        {"type": "WeakMap", "count": 1, "bytes": 80},
        {"type": "(array)", "count": 1, "bytes": 0}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Window", "edge": "window", "name": null},
        {"id": 9, "type": "WeakMap", "edge": "wm", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 19,
      "type": "Key",
      "retained": 80,
      "percent": 10.83,
      "count": 1,
      "below_threshold": false,
      "name": "key",
      "parts": [
        {"type": "Val", "count": 1, "bytes": 70},
        {"type": "Key", "count": 1, "bytes": 10}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "Window", "edge": "window", "name": null},
        {"id": 19, "type": "Key", "edge": "key", "name": null}
      ]
    }
  ]
}
