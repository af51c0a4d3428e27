# two ids as JSON: an array of what each prints alone
args: show -f json testdata/leak.jsonl 0x64 205
exit: 0
--- stdout
[
  {
    "id": 100,
    "type": "app.Session",
    "size": 100,
    "gc": true,
    "root": false,
    "root_rule": "dump",
    "refs": [
      {"id": 200, "type": "bytes", "size": 500, "name": "data", "object_name": null}
    ],
    "weak": [],
    "referrers": [
      {"id": 3, "type": "dict", "size": 300, "name": "'user0'", "object_name": null}
    ]
  },
  {
    "id": 205,
    "type": "bytes",
    "size": 500,
    "gc": false,
    "root": false,
    "root_rule": "dump",
    "refs": [],
    "weak": [],
    "referrers": [
      {"id": 105, "type": "app.Session", "size": 100, "name": "data", "object_name": null}
    ]
  }
]
