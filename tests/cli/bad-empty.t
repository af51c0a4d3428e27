# bad input: empty
args: analyze testdata/bad/empty.jsonl
exit: 3
--- stderr
memscope: testdata/bad/empty.jsonl:1:1: empty file: no header and no objects
