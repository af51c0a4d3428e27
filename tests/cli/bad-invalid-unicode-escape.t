# bad input: invalid-unicode-escape
args: analyze testdata/bad/invalid-unicode-escape.jsonl
exit: 3
--- stderr
memscope: testdata/bad/invalid-unicode-escape.jsonl:1:21: invalid \u escape
