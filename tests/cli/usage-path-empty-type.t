# type: with no name is a usage error
args: path testdata/demo.jsonl type:
exit: 2
--- stderr
memscope: path: OBJ: 'type:' needs a type name (see 'memscope path --help')
