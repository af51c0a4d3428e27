# bad input: invalid-escape
args: analyze testdata/bad/invalid-escape.jsonl
exit: 3
--- stderr
memscope: testdata/bad/invalid-escape.jsonl:1:21: invalid escape '\' followed by 'q'
