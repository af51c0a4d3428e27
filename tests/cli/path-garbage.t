# path to garbage: exit 1 and a message
args: path testdata/leak.jsonl 40
exit: 1
--- stderr
memscope: testdata/leak.jsonl: object 40 is unreachable from the roots (garbage): no retaining path
