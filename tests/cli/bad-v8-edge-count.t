# V8 bad input: edge-count
args: analyze testdata/bad/v8/edge-count.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/edge-count.heapsnapshot: snapshot.edge_count is 22 but edges holds 21
