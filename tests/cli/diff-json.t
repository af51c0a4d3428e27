# diff as JSON: before, after, final, matched, identity, types, grown, leaks
args: diff -f json --top 2 testdata/diff/before.jsonl testdata/diff/after.jsonl testdata/diff/final.jsonl
exit: 0
--- stdout
{
  "before": {"source": "testdata/diff/before.jsonl", "objects": 5, "bytes": 510, "reachable_objects": 5, "reachable_bytes": 510},
  "after": {"source": "testdata/diff/after.jsonl", "objects": 13, "bytes": 4528, "reachable_objects": 13, "reachable_bytes": 4528},
  "final": {"source": "testdata/diff/final.jsonl", "objects": 12, "bytes": 4488, "reachable_objects": 12, "reachable_bytes": 4488},
  "matched": 4,
  "identity": "id+type",
  "types": [
    {"type": "bytes", "new": 4, "freed": 0, "delta": 4, "alloc_bytes": 3500, "freed_bytes": 0, "size_delta": 3500, "retained_before": 0, "retained_after": 3500, "retained_delta": 3500},
    {"type": "app.Session", "new": 4, "freed": 0, "delta": 4, "alloc_bytes": 320, "freed_bytes": 0, "size_delta": 320, "retained_before": 0, "retained_after": 3820, "retained_delta": 3820}
  ],
  "grown": [
    {
      "id": 1,
      "type": "module",
      "retained_before": 510,
      "retained_after": 4528,
      "retained_delta": 4018,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"}
      ]
    },
    {
      "id": 2,
      "type": "dict",
      "retained_before": 410,
      "retained_after": 4428,
      "retained_delta": 4018,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null}
      ]
    }
  ],
  "leaked_objects": 8,
  "leaked_retained": 3820,
  "churn_clusters": 0,
  "churn_objects": 0,
  "churn_retained": 0,
  "leaks": [
    {
      "cluster": 1,
      "type": "app.Session",
      "count": 3,
      "type_count": 3,
      "objects": 6,
      "retained": 3240,
      "name": "cache",
      "holder": 3,
      "churn": null,
      "parts": [
        {"type": "bytes", "count": 3, "bytes": 3000},
        {"type": "app.Session", "count": 3, "bytes": 240}
      ],
      "holds": {"type": "bytes", "count": 3, "retained": 3000},
      "ids": [
        10,
        11,
        12
      ],
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 3, "type": "dict", "edge": "'cache'", "name": null},
        {"id": 10, "type": "app.Session", "edge": "'u1'", "name": null}
      ],
      "signature": "module --__dict__--> dict --'cache'--> dict",
      "known": false
    },
    {
      "cluster": 2,
      "type": "app.Session",
      "count": 1,
      "type_count": 1,
      "objects": 2,
      "retained": 580,
      "name": "other",
      "holder": 4,
      "churn": null,
      "parts": [
        {"type": "bytes", "count": 1, "bytes": 500},
        {"type": "app.Session", "count": 1, "bytes": 80}
      ],
      "holds": {"type": "bytes", "count": 1, "retained": 500},
      "ids": [
        13
      ],
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
        {"id": 4, "type": "list", "edge": "'other'", "name": null},
        {"id": 13, "type": "app.Session", "edge": "[0]", "name": null}
      ],
      "signature": "module --__dict__--> dict --'other'--> list",
      "known": false
    }
  ],
  "dumps": [
    {"source": "testdata/diff/before.jsonl", "objects": 5, "bytes": 510, "reachable_objects": 5, "reachable_bytes": 510},
    {"source": "testdata/diff/after.jsonl", "objects": 13, "bytes": 4528, "reachable_objects": 13, "reachable_bytes": 4528},
    {"source": "testdata/diff/final.jsonl", "objects": 12, "bytes": 4488, "reachable_objects": 12, "reachable_bytes": 4488}
  ],
  "baseline": null,
  "series": {
    "types": [
      {"type": "bytes", "counts": [0, 4, 4], "bytes": [0, 3500, 3500], "grew_every": false, "internal": false, "growth": 3500, "count_growth": 4},
      {"type": "app.Session", "counts": [0, 4, 4], "bytes": [0, 320, 320], "grew_every": false, "internal": false, "growth": 320, "count_growth": 4}
    ],
    "collections": [],
    "cohorts": [
      {"interval": 1, "new": 9, "new_bytes": 3860, "alive": 8, "alive_bytes": 3820},
      {"interval": 2, "new": 0, "new_bytes": 0, "alive": 0, "alive_bytes": 0}
    ]
  }
}
