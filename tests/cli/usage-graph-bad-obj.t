# OBJ neither id nor type:NAME
args: graph --refs 12x testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: OBJ: expected a decimal or 0x-hex id or type:NAME, got '12x' (see 'memscope graph --help')
