# a malformed OBJ among several on the command line: usage error
args: show testdata/leak.jsonl 205 0x
exit: 2
--- stderr
memscope: show: OBJ: expected a decimal or 0x-hex id, got '0x' (see 'memscope show --help')
