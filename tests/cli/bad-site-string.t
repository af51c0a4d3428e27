# bad input: a site must be an integer
args: analyze testdata/bad/site-string.jsonl
exit: 3
--- stderr
memscope: testdata/bad/site-string.jsonl:2:43: site: expected a non-negative integer, found '"'
