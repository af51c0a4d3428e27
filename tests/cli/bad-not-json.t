# bad input: not-json
args: analyze testdata/bad/not-json.jsonl
exit: 3
--- stderr
memscope: testdata/bad/not-json.jsonl:1:1: not a memscope dump: expected '{' or '[' at the start
