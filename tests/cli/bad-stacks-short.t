# bad input: a stack is [frame, caller]
args: analyze testdata/bad/stacks-short.jsonl
exit: 3
--- stderr
memscope: testdata/bad/stacks-short.jsonl:1:55: expected ',' between a stack's frame and caller, found ']'
