# bad input: empty-type
args: analyze testdata/bad/empty-type.jsonl
exit: 3
--- stderr
memscope: testdata/bad/empty-type.jsonl:1:19: type must not be empty
