# bad input: too-deep
args: analyze testdata/bad/too-deep.jsonl
exit: 3
--- stderr
memscope: testdata/bad/too-deep.jsonl:1:104: nesting deeper than 64 levels
