# garbage as JSON: untracked or unknown gc is null
args: garbage -f json testdata/small.jsonl
exit: 0
--- stdout
{
  "source": "testdata/small.jsonl",
  "objects": 1,
  "bytes": 28,
  "tracked": 0,
  "cycles": 0,
  "in_cycles": 0,
  "finalizers": 0,
  "finalizer_cycles": 0,
  "garbage": [
    {"id": 5, "type": "int", "size": 28, "tracked": null, "cycle": null, "finalizer": 0}
  ]
}
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
