# bad input: missing-type
args: analyze testdata/bad/missing-type.jsonl
exit: 3
--- stderr
memscope: testdata/bad/missing-type.jsonl:1:1: record has no "type"
