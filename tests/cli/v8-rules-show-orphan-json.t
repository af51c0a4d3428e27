# V8: an orphan (held only weakly) has no distance: null in JSON, as DevTools' -5
args: show -f json testdata/v8/rules.heapsnapshot 15
exit: 0
--- stdout
{
  "id": 15,
  "type": "Orphan",
  "size": 50,
  "distance": null,
  "root": false,
  "root_rule": "dump",
  "refs": [
    {"id": 23, "type": "(string)", "size": 16, "name": "name", "object_name": "hello"}
  ],
  "weak": [],
  "referrers": [
    {"id": 1, "type": "(synthetic)", "size": 0, "name": "(orphan)", "object_name": null}
  ]
}
