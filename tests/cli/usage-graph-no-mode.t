# no diagram chosen
args: graph 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: choose a diagram: --backrefs, --refs, --chain or --dominators (see 'memscope graph --help')
