# bad input: whitespace-only
args: analyze testdata/bad/whitespace-only.jsonl
exit: 3
--- stderr
memscope: testdata/bad/whitespace-only.jsonl:3:2: only white space: no header and no objects
