# an id not in the dump
args: show testdata/small.jsonl 42
exit: 5
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
memscope: testdata/small.jsonl: no object with id 42
