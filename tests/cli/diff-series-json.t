# diff -f json over four dumps: dumps, baseline, series (types, collections, cohorts), signatures
args: diff -f json testdata/series/heap-1.jsonl testdata/series/heap-2.jsonl testdata/series/heap-3.jsonl testdata/series/heap-4.jsonl
exit: 0
--- stdout
{
  "before": {"source": "testdata/series/heap-1.jsonl", "objects": 29, "bytes": 3172, "reachable_objects": 29, "reachable_bytes": 3172},
  "after": {"source": "testdata/series/heap-3.jsonl", "objects": 39, "bytes": 5636, "reachable_objects": 39, "reachable_bytes": 5636},
  "final": {"source": "testdata/series/heap-4.jsonl", "objects": 44, "bytes": 6868, "reachable_objects": 44, "reachable_bytes": 6868},
  "matched": 22,
  "identity": "id+type",
  "types": [
    {"type": "bytes", "new": 4, "freed": 0, "delta": 4, "alloc_bytes": 2000, "freed_bytes": 0, "size_delta": 2000, "retained_before": 1000, "retained_after": 3000, "retained_delta": 2000},
    {"type": "app.Session", "new": 4, "freed": 0, "delta": 4, "alloc_bytes": 256, "freed_bytes": 0, "size_delta": 256, "retained_before": 1128, "retained_after": 3384, "retained_delta": 2256},
    {"type": "app.Handler", "new": 2, "freed": 0, "delta": 2, "alloc_bytes": 96, "freed_bytes": 0, "size_delta": 96, "retained_before": 48, "retained_after": 144, "retained_delta": 96},
    {"type": "dict", "new": 0, "freed": 0, "delta": 0, "alloc_bytes": 0, "freed_bytes": 0, "size_delta": 96, "retained_before": 3100, "retained_after": 5564, "retained_delta": 2464},
    {"type": "list", "new": 0, "freed": 0, "delta": 0, "alloc_bytes": 0, "freed_bytes": 0, "size_delta": 16, "retained_before": 704, "retained_after": 816, "retained_delta": 112},
    {"type": "app.Event", "new": 4, "freed": 4, "delta": 0, "alloc_bytes": 160, "freed_bytes": 160, "size_delta": 0, "retained_before": 160, "retained_after": 160, "retained_delta": 0},
    {"type": "app.Scratch", "new": 3, "freed": 3, "delta": 0, "alloc_bytes": 96, "freed_bytes": 96, "size_delta": 0, "retained_before": 96, "retained_after": 96, "retained_delta": 0},
    {"type": "module", "new": 0, "freed": 0, "delta": 0, "alloc_bytes": 0, "freed_bytes": 0, "size_delta": 0, "retained_before": 3172, "retained_after": 5636, "retained_delta": 2464}
  ],
  "grown": [
    {
      "id": 1,
      "type": "module",
      "retained_before": 3172,
      "retained_after": 5636,
      "retained_delta": 2464,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"}
      ]
    },
    {
      "id": 2,
      "type": "dict",
      "retained_before": 3100,
      "retained_after": 5564,
      "retained_delta": 2464,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null}
      ]
    },
    {
      "id": 10,
      "type": "dict",
      "retained_before": 1276,
      "retained_after": 3628,
      "retained_delta": 2352,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 10, "type": "dict", "edge": "'cache'", "name": null}
      ]
    },
    {
      "id": 11,
      "type": "list",
      "retained_before": 112,
      "retained_after": 224,
      "retained_delta": 112,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 11, "type": "list", "edge": "'listeners'", "name": null}
      ]
    }
  ],
  "leaked_objects": 10,
  "leaked_retained": 2352,
  "churn_clusters": 0,
  "churn_objects": 0,
  "churn_retained": 0,
  "leaks": [
    {
      "cluster": 1,
      "type": "app.Session",
      "count": 4,
      "type_count": 4,
      "objects": 8,
      "retained": 2256,
      "name": "cache",
      "holder": 10,
      "churn": null,
      "parts": [
        {"type": "bytes", "count": 4, "bytes": 2000},
        {"type": "app.Session", "count": 4, "bytes": 256}
      ],
      "holds": {"type": "bytes", "count": 4, "retained": 2000},
      "ids": [
        104,
        106,
        108,
        110
      ],
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 10, "type": "dict", "edge": "'cache'", "name": null},
        {"id": 104, "type": "app.Session", "edge": "'user2'", "name": null}
      ],
      "signature": "module --__dict__--> dict --'cache'--> dict",
      "known": false
    },
    {
      "cluster": 2,
      "type": "app.Handler",
      "count": 2,
      "type_count": 2,
      "objects": 2,
      "retained": 96,
      "name": "listeners",
      "holder": 11,
      "churn": null,
      "parts": [
        {"type": "app.Handler", "count": 2, "bytes": 96}
      ],
      "holds": null,
      "ids": [
        301,
        302
      ],
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 11, "type": "list", "edge": "'listeners'", "name": null},
        {"id": 301, "type": "app.Handler", "edge": "[1]", "name": null}
      ],
      "signature": "module --__dict__--> dict --'listeners'--> list",
      "known": false
    }
  ],
  "dumps": [
    {"source": "testdata/series/heap-1.jsonl", "objects": 29, "bytes": 3172, "reachable_objects": 29, "reachable_bytes": 3172},
    {"source": "testdata/series/heap-2.jsonl", "objects": 34, "bytes": 4404, "reachable_objects": 34, "reachable_bytes": 4404},
    {"source": "testdata/series/heap-3.jsonl", "objects": 39, "bytes": 5636, "reachable_objects": 39, "reachable_bytes": 5636},
    {"source": "testdata/series/heap-4.jsonl", "objects": 44, "bytes": 6868, "reachable_objects": 44, "reachable_bytes": 6868}
  ],
  "baseline": null,
  "series": {
    "types": [
      {"type": "bytes", "counts": [2, 4, 6, 8], "bytes": [1000, 2000, 3000, 4000], "grew_every": true, "internal": false, "growth": 3000, "count_growth": 6},
      {"type": "app.Session", "counts": [2, 4, 6, 8], "bytes": [128, 256, 384, 512], "grew_every": true, "internal": false, "growth": 384, "count_growth": 6},
      {"type": "app.Handler", "counts": [1, 2, 3, 4], "bytes": [48, 96, 144, 192], "grew_every": true, "internal": false, "growth": 144, "count_growth": 3},
      {"type": "dict", "counts": [2, 2, 2, 2], "bytes": [508, 556, 604, 652], "grew_every": true, "internal": false, "growth": 144, "count_growth": 0},
      {"type": "list", "counts": [3, 3, 3, 3], "bytes": [280, 288, 296, 304], "grew_every": true, "internal": false, "growth": 24, "count_growth": 0},
      {"type": "app.Event", "counts": [4, 4, 4, 4], "bytes": [160, 160, 160, 160], "grew_every": false, "internal": false, "growth": 0, "count_growth": 0},
      {"type": "app.Scratch", "counts": [3, 3, 3, 3], "bytes": [96, 96, 96, 96], "grew_every": false, "internal": false, "growth": 0, "count_growth": 0},
      {"type": "collections.deque", "counts": [1, 1, 1, 1], "bytes": [600, 600, 600, 600], "grew_every": false, "internal": false, "growth": 0, "count_growth": 0},
      {"type": "int", "counts": [10, 10, 10, 10], "bytes": [280, 280, 280, 280], "grew_every": false, "internal": false, "growth": 0, "count_growth": 0},
      {"type": "module", "counts": [1, 1, 1, 1], "bytes": [72, 72, 72, 72], "grew_every": false, "internal": true, "growth": 0, "count_growth": 0}
    ],
    "collections": [
      {
        "id": 10,
        "type": "dict",
        "elements": [
          2,
          4,
          6,
          8
        ],
        "retained": [
          1276,
          2452,
          3628,
          4804
        ],
        "growth": 3528,
        "element_growth": 6,
        "name": "cache",
        "path": [
          {"id": 1, "type": "module", "edge": null, "name": "app"},
          {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
          {"id": 10, "type": "dict", "edge": "'cache'", "name": null}
        ],
        "signature": "module --__dict__--> dict --'cache'--> dict",
        "known": false
      },
      {
        "id": 11,
        "type": "list",
        "elements": [
          1,
          2,
          3,
          4
        ],
        "retained": [
          112,
          168,
          224,
          280
        ],
        "growth": 168,
        "element_growth": 3,
        "name": "listeners",
        "path": [
          {"id": 1, "type": "module", "edge": null, "name": "app"},
          {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
          {"id": 11, "type": "list", "edge": "'listeners'", "name": null}
        ],
        "signature": "module --__dict__--> dict --'listeners'--> list",
        "known": false
      }
    ],
    "cohorts": [
      {"interval": 1, "new": 12, "new_bytes": 1432, "alive": 5, "alive_bytes": 1176},
      {"interval": 2, "new": 12, "new_bytes": 1432, "alive": 5, "alive_bytes": 1176},
      {"interval": 3, "new": 12, "new_bytes": 1432, "alive": 12, "alive_bytes": 1432}
    ]
  }
}
