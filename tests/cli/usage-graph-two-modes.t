# two diagrams
args: graph --refs --backrefs 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: --refs and --backrefs: choose one diagram (see 'memscope graph --help')
