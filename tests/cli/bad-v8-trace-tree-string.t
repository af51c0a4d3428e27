# V8 bad input: trace_tree string
args: analyze testdata/bad/v8/trace-tree-string.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/trace-tree-string.heapsnapshot:19:26: trace_tree: expected a non-negative integer, found '"'
