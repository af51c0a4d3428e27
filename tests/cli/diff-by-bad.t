# --by takes type or site
args: diff --by line testdata/leak.jsonl testdata/leak.jsonl
exit: 2
--- stderr
memscope: diff: --by: expected type or site, got 'line' (see 'memscope diff --help')
