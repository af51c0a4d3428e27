# unknown command
args: frobnicate testdata/small.jsonl
exit: 2
--- stderr
memscope: unknown command 'frobnicate' (see 'memscope --help')
