# path to an id not in the dump
args: path testdata/leak.jsonl 12345
exit: 5
--- stderr
memscope: testdata/leak.jsonl: no object with id 12345
