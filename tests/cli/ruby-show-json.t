# Ruby: show -f json, a root named by its kind
args: show -f json testdata/ruby/small.json 0x7f0000002000
exit: 0
--- stdout
{
  "id": 139637976735744,
  "type": "Array",
  "size": 40,
  "len": 2,
  "site": null,
  "root": true,
  "root_kind": "global_tbl",
  "root_rule": "dump",
  "refs": [
    {"id": 139637976743936, "type": "Session", "size": 40, "name": null, "object_name": null},
    {"id": 139637976744000, "type": "Session", "size": 40, "name": null, "object_name": null},
    {"id": 139637976731840, "type": "Class", "size": 300, "name": "class", "object_name": "Array"}
  ],
  "weak": [],
  "referrers": []
}
