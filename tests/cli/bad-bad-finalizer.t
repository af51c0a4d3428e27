# bad input: bad-finalizer
args: analyze testdata/bad/bad-finalizer.jsonl
exit: 3
--- stderr
memscope: testdata/bad/bad-finalizer.jsonl:1:48: finalizer must be true, false, 0 or 1
