# OBJ must be an id
args: show testdata/small.jsonl 12abc
exit: 2
--- stderr
memscope: show: OBJ: expected a decimal or 0x-hex id, got '12abc' (see 'memscope show --help')
