# show as JSON: site is the frames, innermost first
args: show -f json testdata/v8/alloc.heapsnapshot 13
exit: 0
--- stdout
{
  "id": 13,
  "type": "Buffer",
  "size": 300,
  "distance": 4,
  "defined_at": "app.js:20:5",
  "site": [
    "(anonymous) (app.js:20:5)",
    "makeCache (app.js:10:20)",
    "main (app.js:1:1)"
  ],
  "root": false,
  "root_rule": "dump",
  "refs": [],
  "weak": [],
  "referrers": [
    {"id": 7, "type": "Entry", "size": 200, "name": "data", "object_name": null}
  ]
}
