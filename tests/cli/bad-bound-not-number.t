# "bound" must be a non-negative integer
args: analyze testdata/bad/bound-not-number.jsonl
exit: 3
--- stderr
memscope: testdata/bad/bound-not-number.jsonl:2:62: bound: expected a non-negative integer, found '"'
