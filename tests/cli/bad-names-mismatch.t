# bad input: names-mismatch
args: analyze testdata/bad/names-mismatch.jsonl
exit: 3
--- stderr
memscope: testdata/bad/names-mismatch.jsonl:1:60: names and refs differ in length (1 and 2)
