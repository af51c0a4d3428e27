# type: with no name is a usage error
args: path testdata/demo.jsonl type:
exit: 2
--- stderr
memscope: path: OBJ: expected a decimal or 0x-hex id or type:NAME, got 'type:' (see 'memscope path --help')
