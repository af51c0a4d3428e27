# a top-level array of records, no header: no-referrers rule
args: analyze -f json testdata/small-array.json
exit: 0
--- stdout
{
  "source": "testdata/small-array.json",
  "objects": 6,
  "references": 7,
  "bytes": 531,
  "dangling": 1,
  "roots": 2,
  "root_rule": "no-referrers",
  "reachable_objects": 6,
  "reachable_bytes": 531,
  "baseline": null,
  "type_count": 6,
  "sort": "bytes",
  "types": [
    {"type": "dict", "count": 1, "bytes": 232, "percent": 43.69, "retained": 431},
    {"type": "list", "count": 1, "bytes": 88, "percent": 16.57, "retained": 144},
    {"type": "module", "count": 1, "bytes": 72, "percent": 13.56, "retained": 503},
    {"type": "__main__.Node", "count": 1, "bytes": 56, "percent": 10.55, "retained": 56},
    {"type": "str", "count": 1, "bytes": 55, "percent": 10.36, "retained": 55},
    {"type": "int", "count": 1, "bytes": 28, "percent": 5.27, "retained": 28}
  ],
  "top_retainers": [
    {"id": 1, "type": "module", "size": 72, "retained": 503, "percent": 94.73, "name": "__main__"},
    {"id": 2, "type": "dict", "size": 232, "retained": 431, "percent": 81.17, "name": ""},
    {"id": 3, "type": "list", "size": 88, "retained": 144, "percent": 27.12, "name": ""},
    {"id": 18446744073709551615, "type": "__main__.Node", "size": 56, "retained": 56, "percent": 10.55, "name": ""},
    {"id": 16, "type": "str", "size": 55, "retained": 55, "percent": 10.36, "name": "héllo 😀 tab\there"},
    {"id": 5, "type": "int", "size": 28, "retained": 28, "percent": 5.27, "name": "12345"}
  ],
  "cycles": {
    "count": 1,
    "objects": 1,
    "bytes": 56,
    "shape_count": 1,
    "shapes": [
      {"shape": "{__main__.Node}", "cycles": 1, "objects": 1, "bytes": 56, "garbage": 0}
    ]
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
      "id": 1,
      "type": "module",
      "retained": 503,
      "percent": 94.73,
      "count": 1,
      "below_threshold": false,
      "name": null,
      "parts": [
        {"type": "dict", "count": 1, "bytes": 232},
        {"type": "list", "count": 1, "bytes": 88},
        {"type": "module", "count": 1, "bytes": 72}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "__main__"}
      ]
    },
    {
      "kind": "object",
      "id": 2,
      "type": "dict",
      "retained": 431,
      "percent": 81.17,
      "count": 1,
      "below_threshold": false,
      "name": null,
      "parts": [
        {"type": "dict", "count": 1, "bytes": 232},
        {"type": "list", "count": 1, "bytes": 88},
        {"type": "__main__.Node", "count": 1, "bytes": 56}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "__main__"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 3,
      "type": "list",
      "retained": 144,
      "percent": 27.12,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "list", "count": 1, "bytes": 88},
        {"type": "__main__.Node", "count": 1, "bytes": 56}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "__main__"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 3, "type": "list", "edge": "'cache'", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 18446744073709551615,
      "type": "__main__.Node",
      "retained": 56,
      "percent": 10.55,
      "count": 1,
      "below_threshold": false,
      "name": "cache",
      "parts": [
        {"type": "__main__.Node", "count": 1, "bytes": 56}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "__main__"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 3, "type": "list", "edge": "'cache'", "name": null},
        {"id": 18446744073709551615, "type": "__main__.Node", "edge": "[1]", "name": null}
      ]
    },
    {
      "kind": "object",
      "id": 16,
      "type": "str",
      "retained": 55,
      "percent": 10.36,
      "count": 1,
      "below_threshold": false,
      "name": "greeting",
      "parts": [
        {"type": "str", "count": 1, "bytes": 55}
      ],
      "holds": null,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "__main__"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 16, "type": "str", "edge": "'greeting'", "name": "héllo 😀 tab\there"}
      ]
    }
  ]
}
--- stderr
memscope: warning: testdata/small-array.json: 1 reference to ids not in the dump dropped (first: 99 from object 2)
