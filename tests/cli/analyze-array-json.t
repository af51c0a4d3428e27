# a top-level array of records, no header: no-referrers rule
args: analyze -f json testdata/small-array.json
exit: 0
--- stdout
{
  "source": "testdata/small-array.json",
  "objects": 6,
  "references": 7,
  "bytes": 531,
  "dangling": 1,
  "roots": 2,
  "root_rule": "no-referrers",
  "type_count": 6,
  "sort": "bytes",
  "types": [
    {"type": "dict", "count": 1, "bytes": 232, "percent": 43.69},
    {"type": "list", "count": 1, "bytes": 88, "percent": 16.57},
    {"type": "module", "count": 1, "bytes": 72, "percent": 13.56},
    {"type": "__main__.Node", "count": 1, "bytes": 56, "percent": 10.55},
    {"type": "str", "count": 1, "bytes": 55, "percent": 10.36},
    {"type": "int", "count": 1, "bytes": 28, "percent": 5.27}
  ]
}
--- stderr
memscope: warning: testdata/small-array.json: 1 reference to ids not in the dump dropped (first: 99 from object 2)
