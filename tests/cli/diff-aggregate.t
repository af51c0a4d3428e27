# dumps sharing no ids: a warning, and types compared by counts and bytes only
args: diff -f json --top 3 testdata/leak.jsonl testdata/demo.jsonl
exit: 0
--- stdout
{
  "before": {"source": "testdata/leak.jsonl", "objects": 35, "bytes": 8628, "reachable_objects": 31, "reachable_bytes": 8360},
  "after": {"source": "testdata/demo.jsonl", "objects": 4883, "bytes": 1850196, "reachable_objects": 4713, "reachable_bytes": 1826516},
  "matched": 0,
  "identity": "aggregate",
  "types": [
    {"type": "bytes", "new": null, "freed": null, "delta": 287, "alloc_bytes": null, "freed_bytes": null, "size_delta": 1155203, "retained_before": 6400, "retained_after": 1161603, "retained_delta": 1155203},
    {"type": "dict", "new": null, "freed": null, "delta": 780, "alloc_bytes": null, "freed_bytes": null, "size_delta": 366988, "retained_before": 8260, "retained_after": 1823252, "retained_delta": 1814992},
    {"type": "str", "new": null, "freed": null, "delta": 1903, "alloc_bytes": null, "freed_bytes": null, "size_delta": 124373, "retained_before": 0, "retained_after": 124373, "retained_delta": 124373}
  ],
  "grown": [],
  "leaks": null
}
--- stderr
memscope: warning: testdata/leak.jsonl and testdata/demo.jsonl share almost no objects (0 of 35): comparing types only
