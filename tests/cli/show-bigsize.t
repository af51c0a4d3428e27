# a 256 TiB object shows its exact size
args: show -f json testdata/bigsize.jsonl 1
exit: 0
--- stdout
{
  "id": 1,
  "type": "big",
  "size": 281474976710656,
  "root": true,
  "root_rule": "no-referrers",
  "refs": [],
  "weak": [],
  "referrers": []
}
