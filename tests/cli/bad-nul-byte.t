# bad input: nul-byte
args: analyze testdata/bad/nul-byte.jsonl
exit: 3
--- stderr
memscope: testdata/bad/nul-byte.jsonl:2:1: expected '{' to start an object record, found NUL byte
