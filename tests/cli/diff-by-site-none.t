# diff --by site needs dumps with sites
args: diff --by site testdata/leak.jsonl testdata/leak.jsonl
exit: 1
--- stderr
memscope: testdata/leak.jsonl: the dump has no allocation sites: diff --by site needs them (see memscope sites)
