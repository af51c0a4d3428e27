# Meliae: name, value, len; duplicate references kept
args: show -f json testdata/meliae.jsonl 140235088
exit: 0
--- stdout
{
  "id": 140235088,
  "type": "list",
  "size": 104,
  "len": 3,
  "root": false,
  "root_rule": "no-referrers",
  "refs": [
    {"id": 140235304, "type": "str", "size": 33, "name": null, "object_name": "repeated"},
    {"id": 140235304, "type": "str", "size": 33, "name": null, "object_name": "repeated"},
    {"id": 140235376, "type": "tuple", "size": 64, "name": null, "object_name": null}
  ],
  "weak": [],
  "referrers": [
    {"id": 140234944, "type": "dict", "size": 1048, "name": null, "object_name": null}
  ]
}
