# bad input: string-size
args: analyze testdata/bad/string-size.jsonl
exit: 3
--- stderr
memscope: testdata/bad/string-size.jsonl:1:32: size: expected a non-negative integer, found '"'
