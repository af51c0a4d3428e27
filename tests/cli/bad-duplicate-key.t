# bad input: duplicate-key
args: analyze testdata/bad/duplicate-key.jsonl
exit: 3
--- stderr
memscope: testdata/bad/duplicate-key.jsonl:1:35: duplicate key "size"
