# JSON keys objects, references, bytes, dangling, roots, types
args: analyze --format json testdata/small.jsonl
exit: 0
--- stdout
{
  "source": "testdata/small.jsonl",
  "meta": {"runtime": "CPython", "version": "3.12.1", "pid": 7},
  "objects": 6,
  "references": 7,
  "bytes": 531,
  "dangling": 1,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 5,
  "reachable_bytes": 503,
  "baseline": {
    "objects": 2,
    "bytes": 304,
    "largest": {"id": 2, "type": "dict", "name": null, "bytes": 232}
  },
  "type_count": 6,
  "sort": "bytes",
  "types": [
    {"type": "dict", "count": 1, "bytes": 232, "percent": 43.69, "retained": 431},
    {"type": "list", "count": 1, "bytes": 88, "percent": 16.57, "retained": 144},
    {"type": "module", "count": 1, "bytes": 72, "percent": 13.56, "retained": 503},
    {"type": "__main__.Node", "count": 1, "bytes": 56, "percent": 10.55, "retained": 56},
    {"type": "str", "count": 1, "bytes": 55, "percent": 10.36, "retained": 55},
    {"type": "int", "count": 1, "bytes": 28, "percent": 5.27, "retained": 0}
  ],
  "top_retainers": [
    {"id": 1, "type": "module", "size": 72, "retained": 503, "percent": 100.00, "name": "__main__"},
    {"id": 2, "type": "dict", "size": 232, "retained": 431, "percent": 85.69, "name": ""},
    {"id": 3, "type": "list", "size": 88, "retained": 144, "percent": 28.63, "name": ""},
    {"id": 18446744073709551615, "type": "__main__.Node", "size": 56, "retained": 56, "percent": 11.13, "name": ""},
    {"id": 16, "type": "str", "size": 55, "retained": 55, "percent": 10.93, "name": "héllo 😀 tab\there"}
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
    "objects": 1,
    "bytes": 28,
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
      "type": "list",
      "retained": 144,
      "percent": 28.63,
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
      "percent": 11.13,
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
      "percent": 10.93,
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
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
