# V8: --input-format v8 on a .heapsnapshot
args: analyze --input-format v8 -f json testdata/v8/rules.heapsnapshot
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
    {"type": "Cache", "count": 1, "bytes": 240, "percent": 32.48, "retained": 240},
    {"type": "Window", "count": 1, "bytes": 100, "percent": 13.53, "retained": 662},
    {"type": "Detached <div>", "count": 1, "bytes": 80, "percent": 10.83, "retained": 88},
    {"type": "WeakMap", "count": 1, "bytes": 80, "percent": 10.83, "retained": 80},
    {"type": "Val", "count": 1, "bytes": 70, "percent": 9.47, "retained": 70},
    {"type": "Orphan", "count": 1, "bytes": 50, "percent": 6.77, "retained": 66},
    {"type": "Function", "count": 1, "bytes": 32, "percent": 4.33, "retained": 44},
    {"type": "Shared", "count": 1, "bytes": 30, "percent": 4.06, "retained": 30},
    {"type": "(string)", "count": 1, "bytes": 16, "percent": 2.17, "retained": 16},
    {"type": "(compiled code)", "count": 1, "bytes": 12, "percent": 1.62, "retained": 12},
    {"type": "Key", "count": 1, "bytes": 10, "percent": 1.35, "retained": 80},
    {"type": "Detached HTMLSpanElement", "count": 1, "bytes": 8, "percent": 1.08, "retained": 8},
    {"type": "CliqueB", "count": 1, "bytes": 6, "percent": 0.81, "retained": 6},
    {"type": "CliqueA", "count": 1, "bytes": 5, "percent": 0.68, "retained": 5},
    {"type": "(array)", "count": 2, "bytes": 0, "percent": 0.00, "retained": 0},
    {"type": "(synthetic)", "count": 2, "bytes": 0, "percent": 0.00, "retained": 739}
  ],
  "top_retainers": [
    {"id": 1, "type": "(synthetic)", "size": 0, "retained": 739, "percent": 100.00, "name": ""},
    {"id": 3, "type": "Window", "size": 100, "retained": 662, "percent": 89.58, "name": ""},
    {"id": 7, "type": "Cache", "size": 240, "retained": 240, "percent": 32.48, "name": ""},
    {"id": 29, "type": "Detached <div>", "size": 80, "retained": 88, "percent": 11.91, "name": "Detached <div id=app>"},
    {"id": 9, "type": "WeakMap", "size": 80, "retained": 80, "percent": 10.83, "name": ""},
    {"id": 19, "type": "Key", "size": 10, "retained": 80, "percent": 10.83, "name": ""},
    {"id": 21, "type": "Val", "size": 70, "retained": 70, "percent": 9.47, "name": ""},
    {"id": 15, "type": "Orphan", "size": 50, "retained": 66, "percent": 8.93, "name": ""},
    {"id": 33, "type": "Function", "size": 32, "retained": 44, "percent": 5.95, "name": "handler"},
    {"id": 11, "type": "Shared", "size": 30, "retained": 30, "percent": 4.06, "name": ""},
    {"id": 23, "type": "(string)", "size": 16, "retained": 16, "percent": 2.17, "name": "hello"},
    {"id": 35, "type": "(compiled code)", "size": 12, "retained": 12, "percent": 1.62, "name": ""},
    {"id": 31, "type": "Detached HTMLSpanElement", "size": 8, "retained": 8, "percent": 1.08, "name": ""},
    {"id": 27, "type": "CliqueB", "size": 6, "retained": 6, "percent": 0.81, "name": ""},
    {"id": 25, "type": "CliqueA", "size": 5, "retained": 5, "percent": 0.68, "name": ""},
    {"id": 5, "type": "(synthetic)", "size": 0, "retained": 0, "percent": 0.00, "name": "(GC roots)"},
    {"id": 13, "type": "(array)", "size": 0, "retained": 0, "percent": 0.00, "name": "(object elements)"},
    {"id": 17, "type": "(array)", "size": 0, "retained": 0, "percent": 0.00, "name": "(WeakMap table)"}
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
