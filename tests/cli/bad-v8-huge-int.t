# V8 bad input: huge-int
args: analyze testdata/bad/v8/huge-int.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/huge-int.heapsnapshot:3:18: nodes: 99999999999 is too large
