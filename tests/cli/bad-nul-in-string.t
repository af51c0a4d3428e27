# bad input: nul-in-string
args: analyze testdata/bad/nul-in-string.jsonl
exit: 3
--- stderr
memscope: testdata/bad/nul-in-string.jsonl:1:21: NUL byte in string
