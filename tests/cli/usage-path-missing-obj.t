# path needs OBJ
args: path testdata/leak.jsonl
exit: 2
--- stderr
memscope: path: expected DUMP and OBJ (see 'memscope path --help')
