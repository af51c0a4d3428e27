# --root on an id not in the dump
args: dominators --root 0x999 testdata/leak.jsonl
exit: 5
--- stderr
memscope: testdata/leak.jsonl: no object with id 0x999
