# bad input: a stack's caller must be an earlier stack
args: analyze testdata/bad/stacks-caller.jsonl
exit: 3
--- stderr
memscope: testdata/bad/stacks-caller.jsonl:1:39: stacks[0]: caller 3 is not an earlier stack
