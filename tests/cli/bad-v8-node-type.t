# V8 bad input: node-type
args: analyze testdata/bad/v8/node-type.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/node-type.heapsnapshot:3:1: nodes[1]: node type 99 is not in meta.node_types
