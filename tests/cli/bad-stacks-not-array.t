# bad input: stacks must be an array
args: analyze testdata/bad/stacks-not-array.jsonl
exit: 3
--- stderr
memscope: testdata/bad/stacks-not-array.jsonl:1:27: expected '[' to start stacks, found '{'
