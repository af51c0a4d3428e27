# bad input: a stack's frame must be a string
args: analyze testdata/bad/stacks-frame.jsonl
exit: 3
--- stderr
memscope: testdata/bad/stacks-frame.jsonl:1:29: stacks[0]: the frame must be a string
