# bad input: negative-id
args: analyze testdata/bad/negative-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/negative-id.jsonl:1:8: id: negative value -1
