# type:NAME whose objects are all garbage: exit 1
args: path testdata/demo.jsonl type:app.Node
exit: 1
--- stderr
memscope: testdata/demo.jsonl: every object of type app.Node is unreachable from the roots (garbage): no retaining path
