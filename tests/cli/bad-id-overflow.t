# bad input: id-overflow
args: analyze testdata/bad/id-overflow.jsonl
exit: 3
--- stderr
memscope: testdata/bad/id-overflow.jsonl:1:8: id: integer larger than 2^64-1
