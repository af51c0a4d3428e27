# bad input: top-level-string
args: analyze testdata/bad/top-level-string.jsonl
exit: 3
--- stderr
memscope: testdata/bad/top-level-string.jsonl:1:1: not a memscope dump: expected '{' or '[' at the start
