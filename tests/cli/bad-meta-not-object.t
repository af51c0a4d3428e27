# bad input: meta-not-object
args: analyze testdata/bad/meta-not-object.jsonl
exit: 3
--- stderr
memscope: testdata/bad/meta-not-object.jsonl:1:25: meta must be an object
