# --root on a garbage object: exit 1, nothing on stdout
args: dominators --root 42 testdata/leak.jsonl
exit: 1
--- stderr
memscope: testdata/leak.jsonl: object 42 is unreachable from the roots (garbage): it has no place in the dominator tree
