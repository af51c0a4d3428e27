# --top takes a number
args: analyze --top lots testdata/small.jsonl
exit: 2
--- stderr
memscope: analyze: --top: expected a non-negative integer, got 'lots' (see 'memscope analyze --help')
