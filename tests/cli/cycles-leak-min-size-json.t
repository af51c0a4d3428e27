# --min-size 2 drops the self-loop
args: cycles --min-size 2 -f json testdata/leak.jsonl
exit: 0
--- stdout
{
  "source": "testdata/leak.jsonl",
  "count": 3,
  "objects": 5,
  "bytes": 340,
  "shown": 2,
  "cycles": [
    {"cycle": 1, "size": 2, "bytes": 150, "status": "garbage", "shape": "{app.Node, dict}"},
    {"cycle": 2, "size": 2, "bytes": 100, "status": "reachable", "shape": "{app.Node ×2}"}
  ]
}
