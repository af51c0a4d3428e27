# OBJ missing
args: graph --refs testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: expected at least one OBJ before DUMP (see 'memscope graph --help')
