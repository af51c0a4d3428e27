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
    {"id": 1, "type": "module", "edge": null, "name": "app"},
    {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
    {"id": 10, "type": "app.View", "edge": "'view'", "name": null},
    {"id": 6, "type": "bytes", "edge": "payload", "name": null}
  ]
}
