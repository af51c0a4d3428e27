# bad input: missing-size
args: analyze testdata/bad/missing-size.jsonl
exit: 3
--- stderr
memscope: testdata/bad/missing-size.jsonl:1:1: record has no "size"
