# bad input: float-size
args: analyze testdata/bad/float-size.jsonl
exit: 3
--- stderr
memscope: testdata/bad/float-size.jsonl:1:32: size: 1.5 is not an integer
