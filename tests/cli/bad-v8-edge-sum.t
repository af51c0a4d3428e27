# V8 bad input: edge-sum
args: analyze testdata/bad/v8/edge-sum.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/edge-sum.heapsnapshot: nodes: edge counts add up to 22 but edges holds 21
