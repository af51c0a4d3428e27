# bad input: bad-gc
args: analyze testdata/bad/bad-gc.jsonl
exit: 3
--- stderr
memscope: testdata/bad/bad-gc.jsonl:1:41: gc must be true, false, 0 or 1
