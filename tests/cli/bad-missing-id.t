# bad input: missing-id
args: analyze testdata/bad/missing-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/missing-id.jsonl:2:1: record has no "id"
