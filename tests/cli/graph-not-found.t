# unknown id: exit 5
args: graph --backrefs 999 testdata/leak.jsonl
exit: 5
--- stderr
memscope: testdata/leak.jsonl: no object with id 999
