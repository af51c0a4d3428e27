# bad input: negative-size
args: analyze testdata/bad/negative-size.jsonl
exit: 3
--- stderr
memscope: testdata/bad/negative-size.jsonl:1:32: size: negative value -8
