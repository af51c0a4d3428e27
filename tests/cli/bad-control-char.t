# bad input: control-char
args: analyze testdata/bad/control-char.jsonl
exit: 3
--- stderr
memscope: testdata/bad/control-char.jsonl:1:21: control character 0x09 in string
