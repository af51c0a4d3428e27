# bad input: binary
args: analyze testdata/bad/binary.jsonl
exit: 3
--- stderr
memscope: testdata/bad/binary.jsonl:1:1: not a memscope dump: expected '{' or '[' at the start
