# type:NAME with no object: exit 5
args: path testdata/demo.jsonl type:NoSuchType
exit: 5
--- stderr
memscope: testdata/demo.jsonl: no object of type NoSuchType
