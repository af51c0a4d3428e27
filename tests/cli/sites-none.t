# sites on a dump without allocation sites: exit 1 and why
args: sites testdata/leak.jsonl
exit: 1
--- stderr
memscope: testdata/leak.jsonl: the dump has no allocation sites (dump under tracemalloc, or take the V8 snapshot with allocation tracking)
