# bad input: header-not-first
args: analyze testdata/bad/header-not-first.jsonl
exit: 3
--- stderr
memscope: testdata/bad/header-not-first.jsonl:2:2: a header ("memscope" key) must come first
