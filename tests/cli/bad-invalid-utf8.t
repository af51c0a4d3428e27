# bad input: invalid-utf8
args: analyze testdata/bad/invalid-utf8.jsonl
exit: 3
--- stderr
memscope: testdata/bad/invalid-utf8.jsonl:1:23: invalid UTF-8 byte 0xe9 in string
