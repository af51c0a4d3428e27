# The same as JSON: the detached key, with types and holders
args: analyze -f json --top 3 testdata/v8/dom.heapsnapshot
exit: 0
--- stdout
{
  "source": "testdata/v8/dom.heapsnapshot",
  "meta": {"runtime": "V8", "format": "heapsnapshot"},
  "objects": 16,
  "references": 15,
  "bytes": 1646,
  "dangling": 0,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 16,
  "reachable_bytes": 1646,
  "baseline": {
    "objects": 1,
    "bytes": 40,
    "largest": null
  },
  "type_count": 11,
  "sort": "bytes",
  "types": [
    {"type": "Entry", "count": 3, "bytes": 900, "percent": 54.68, "retained": 900},
    {"type": "Detached <section>", "count": 2, "bytes": 200, "percent": 12.15, "retained": 250},
    {"type": "(array)", "count": 1, "bytes": 200, "percent": 12.15, "retained": 1100}
  ],
  "top_retainers": [
    {"id": 1, "type": "(synthetic)", "size": 0, "retained": 1646, "percent": 100.00, "name": ""},
    {"id": 3, "type": "(synthetic)", "size": 0, "retained": 1646, "percent": 100.00, "name": "(GC roots)"},
    {"id": 5, "type": "(synthetic)", "size": 0, "retained": 1646, "percent": 100.00, "name": "(Global handles)"}
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
      "id": 19,
      "type": "Map",
      "retained": 1116,
      "percent": 67.80,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "Entry", "count": 3, "bytes": 900},
        {"type": "(array)", "count": 1, "bytes": 200},
        {"type": "Map", "count": 1, "bytes": 16}
      ],
      "holds": {"type": "Entry", "count": 3, "retained": 900},
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "(synthetic)", "edge": "[1]", "name": "(GC roots)"},
        {"id": 5, "type": "(synthetic)", "edge": "[1]", "name": "(Global handles)"},
        {"id": 7, "type": "system / NativeContext / https://app.example/", "edge": "1", "name": null},
        {"id": 9, "type": "Window [JSGlobalObject] / https://app.example/", "edge": "global_object", "name": null},
        {"id": 19, "type": "Map", "edge": "cache", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 11,
      "type": "Array",
      "retained": 266,
      "percent": 16.16,
      "count": 1,
      "below_threshold": false,
      "name": "panels",
      "parts": [
        {"type": "Detached <section>", "count": 2, "bytes": 200},
        {"type": "Detached <td>", "count": 1, "bytes": 50},
        {"type": "Array", "count": 1, "bytes": 16}
      ],
      "holds": {"type": "Detached <section>", "count": 2, "retained": 250},
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "(synthetic)", "edge": "[1]", "name": "(GC roots)"},
        {"id": 5, "type": "(synthetic)", "edge": "[1]", "name": "(Global handles)"},
        {"id": 7, "type": "system / NativeContext / https://app.example/", "edge": "1", "name": null},
        {"id": 9, "type": "Window [JSGlobalObject] / https://app.example/", "edge": "global_object", "name": null},
        {"id": 11, "type": "Array", "edge": "panels", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 29,
      "type": "HTMLDocument",
      "retained": 200,
      "percent": 12.15,
      "count": 1,
      "below_threshold": false,
      "name": "document",
      "parts": [
        {"type": "HTMLDocument", "count": 1, "bytes": 120},
        {"type": "<main>", "count": 1, "bytes": 80}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
        {"id": 3, "type": "(synthetic)", "edge": "[1]", "name": "(GC roots)"},
        {"id": 5, "type": "(synthetic)", "edge": "[1]", "name": "(Global handles)"},
        {"id": 7, "type": "system / NativeContext / https://app.example/", "edge": "1", "name": null},
        {"id": 9, "type": "Window [JSGlobalObject] / https://app.example/", "edge": "global_object", "name": null},
        {"id": 29, "type": "HTMLDocument", "edge": "document", "name": null}
      ]
    }
  ],
  "detached": {
    "count": 3,
    "bytes": 250,
    "retained": 250,
    "types": [
      {"type": "Detached <section>", "count": 2, "bytes": 200, "retained": 250},
      {"type": "Detached <td>", "count": 1, "bytes": 50, "retained": 0}
    ],
    "holders": [
      {
        "id": 11,
        "type": "Array",
        "count": 3,
        "retained": 266,
        "path": [
          {"id": 1, "type": "(synthetic)", "edge": null, "name": null},
          {"id": 3, "type": "(synthetic)", "edge": "[1]", "name": "(GC roots)"},
          {"id": 5, "type": "(synthetic)", "edge": "[1]", "name": "(Global handles)"},
          {"id": 7, "type": "system / NativeContext / https://app.example/", "edge": "1", "name": null},
          {"id": 9, "type": "Window [JSGlobalObject] / https://app.example/", "edge": "global_object", "name": null},
          {"id": 11, "type": "Array", "edge": "panels", "name": null}
        ]
      }
    ]
  }
}
