# bad input: a site naming no stack of the header
args: analyze testdata/bad/site-undefined.jsonl
exit: 3
--- stderr
memscope: testdata/bad/site-undefined.jsonl:2:43: site: no stack 1 (the header has fewer)
