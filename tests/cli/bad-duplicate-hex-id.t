# bad input: duplicate-hex-id
args: analyze testdata/bad/duplicate-hex-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/duplicate-hex-id.jsonl:2:1: duplicate id (first used at line 1)
