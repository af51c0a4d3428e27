# bad input: duplicate-id
args: analyze testdata/bad/duplicate-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/duplicate-id.jsonl:4:1: duplicate id (first used at line 2)
