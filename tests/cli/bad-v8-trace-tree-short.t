# V8 bad input: trace_tree short
args: analyze testdata/bad/v8/trace-tree-short.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/trace-tree-short.heapsnapshot:19:50: trace_tree: a node with 3 of its 5 fields
