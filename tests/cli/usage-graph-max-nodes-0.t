# --max-nodes 0
args: graph --refs --max-nodes 0 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: --max-nodes: must be at least 1 (see 'memscope graph --help')
