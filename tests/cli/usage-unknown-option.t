# unknown option
args: analyze --frobnicate testdata/small.jsonl
exit: 2
--- stderr
memscope: analyze: unknown option '--frobnicate' (see 'memscope analyze --help')
