# bad input: missing-colon
args: analyze testdata/bad/missing-colon.jsonl
exit: 3
--- stderr
memscope: testdata/bad/missing-colon.jsonl:1:7: expected ':' after a key, found '1'
