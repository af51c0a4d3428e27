# bad input: a site in a dump whose header has no stacks
args: analyze testdata/bad/site-no-stacks.jsonl
exit: 3
--- stderr
memscope: testdata/bad/site-no-stacks.jsonl:1:43: site: no stack 0 (the header has no "stacks")
