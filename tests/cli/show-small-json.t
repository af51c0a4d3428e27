# show JSON: refs as {id,type,name} in order; ids exact to 2^64-1
args: show --format json testdata/small.jsonl 0x3
exit: 0
--- stdout
{
  "id": 3,
  "type": "list",
  "size": 88,
  "len": 2,
  "root": false,
  "root_rule": "dump",
  "refs": [
    {"id": 16, "type": "str", "size": 55, "name": "[0]", "object_name": "héllo 😀 tab\there"},
    {"id": 18446744073709551615, "type": "__main__.Node", "size": 56, "name": "[1]", "object_name": null}
  ],
  "weak": [
    {"id": 2, "type": "dict", "size": 232, "name": null, "object_name": null}
  ],
  "referrers": [
    {"id": 2, "type": "dict", "size": 232, "name": "'cache'", "object_name": null}
  ]
}
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
