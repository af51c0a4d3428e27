# path as JSON
args: path -f json testdata/leak.jsonl 6
exit: 0
--- stdout
{
  "source": "testdata/leak.jsonl",
  "id": 6,
  "root_rule": "dump",
  "length": 3,
  "path": [
    {"id": 1, "type": "module", "edge": null},
    {"id": 2, "type": "dict", "edge": "__dict__"},
    {"id": 10, "type": "app.View", "edge": "'view'"},
    {"id": 6, "type": "bytes", "edge": "payload"}
  ]
}
