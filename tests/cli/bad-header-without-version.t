# bad input: header-without-version
args: analyze testdata/bad/header-without-version.jsonl
exit: 3
--- stderr
memscope: testdata/bad/header-without-version.jsonl:1:1: header has no "memscope" version key
