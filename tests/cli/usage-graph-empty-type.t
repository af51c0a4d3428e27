# type: without a name
args: graph --refs type: testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: OBJ: 'type:' needs a type name (see 'memscope graph --help')
