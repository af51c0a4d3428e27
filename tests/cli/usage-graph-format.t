# --format does not apply to graph
args: graph --refs -f json 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: --format does not apply: graph writes DOT, or what -T or the -o extension asks for (see 'memscope graph --help')
