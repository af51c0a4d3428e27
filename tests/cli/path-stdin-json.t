# path - as JSON: one element per line, null for garbage
args: path -f json testdata/leak.jsonl -
stdin: testdata/ids/leak-paths.txt
exit: 1
--- stdout
[
  {
    "source": "testdata/leak.jsonl",
    "id": 205,
    "root_rule": "dump",
    "length": 4,
    "path": [
      {"id": 1, "type": "module", "edge": null, "name": "app"},
      {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
      {"id": 3, "type": "dict", "edge": "'cache'", "name": null},
      {"id": 105, "type": "app.Session", "edge": "'user5'", "name": null},
      {"id": 205, "type": "bytes", "edge": "data", "name": null}
    ]
  },
  {
    "source": "testdata/leak.jsonl",
    "id": 100,
    "root_rule": "dump",
    "length": 3,
    "path": [
      {"id": 1, "type": "module", "edge": null, "name": "app"},
      {"id": 2, "type": "dict", "edge": "__dict__", "name": null},
      {"id": 3, "type": "dict", "edge": "'cache'", "name": null},
      {"id": 100, "type": "app.Session", "edge": "'user0'", "name": null}
    ]
  },
  null
]
--- stderr
memscope: testdata/leak.jsonl: object 40 is unreachable from the roots (garbage): no retaining path
