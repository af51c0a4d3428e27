# bad input: float-id
args: analyze testdata/bad/float-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/float-id.jsonl:1:8: id: 1.0 is not an integer
