# a chain to garbage: exit 1
args: graph --chain 40 testdata/leak.jsonl
exit: 1
--- stderr
memscope: testdata/leak.jsonl: object 40 is unreachable from the roots (garbage): no retaining path
