# V8 bad input: trace_tree truncated
args: analyze testdata/bad/v8/trace-tree-truncated.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/trace-tree-truncated.heapsnapshot:20:1: trace_tree: expected a non-negative integer, found '"'
