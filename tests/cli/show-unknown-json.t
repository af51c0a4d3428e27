# JSON keeps one element per OBJ: null for the id not in the dump
args: show -f json testdata/leak.jsonl 999 6
exit: 5
--- stdout
[
  null,
  {
    "id": 6,
    "type": "bytes",
    "size": 400,
    "gc": false,
    "root": false,
    "root_rule": "dump",
    "refs": [],
    "weak": [],
    "referrers": [
      {"id": 5, "type": "app.Node", "size": 50, "name": "payload", "object_name": null},
      {"id": 10, "type": "app.View", "size": 60, "name": "payload", "object_name": null}
    ]
  }
]
--- stderr
memscope: testdata/leak.jsonl: no object with id 999
