# V8 bad input: bad-to-node
args: analyze testdata/bad/v8/bad-to-node.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/bad-to-node.heapsnapshot:22:6: edges[2]: to_node 22 is not a node
