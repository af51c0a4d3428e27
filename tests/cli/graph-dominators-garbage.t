# dominators of garbage: exit 1
args: graph --dominators 41 testdata/leak.jsonl
exit: 1
--- stderr
memscope: testdata/leak.jsonl: object 41 is unreachable from the roots (garbage): no dominator subtree
