# bad input: stacks belong in the header
args: analyze testdata/bad/stacks-in-record.jsonl
exit: 3
--- stderr
memscope: testdata/bad/stacks-in-record.jsonl:1:1: header mixes header keys with object record keys
