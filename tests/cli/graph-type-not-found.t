# no object of the type: exit 5
args: graph --backrefs type:nosuch testdata/leak.jsonl
exit: 5
--- stderr
memscope: testdata/leak.jsonl: no object of type nosuch
