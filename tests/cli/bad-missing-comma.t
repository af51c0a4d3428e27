# bad input: missing-comma
args: analyze testdata/bad/missing-comma.jsonl
exit: 3
--- stderr
memscope: testdata/bad/missing-comma.jsonl:1:10: expected ',' or '}', found '"'
