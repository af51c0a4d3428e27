# V8 bad input: an edge type past what the reader keeps in a byte is reported with its value
args: analyze testdata/bad/v8/edge-type-300.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/edge-type-300.heapsnapshot:22:1: edges[2]: edge type 300 is not in meta.edge_types
