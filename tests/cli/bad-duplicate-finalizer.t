# bad input: duplicate-finalizer
args: analyze testdata/bad/duplicate-finalizer.jsonl
exit: 3
--- stderr
memscope: testdata/bad/duplicate-finalizer.jsonl:1:51: duplicate key "finalizer"
