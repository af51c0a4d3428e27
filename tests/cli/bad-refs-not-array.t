# bad input: refs-not-array
args: analyze testdata/bad/refs-not-array.jsonl
exit: 3
--- stderr
memscope: testdata/bad/refs-not-array.jsonl:1:43: refs must be an array of ids
