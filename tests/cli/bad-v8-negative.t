# V8 bad input: negative
args: analyze testdata/bad/v8/negative.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/negative.heapsnapshot:3:7: nodes: negative value -100
