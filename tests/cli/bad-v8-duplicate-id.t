# V8 bad input: duplicate-id
args: analyze testdata/bad/v8/duplicate-id.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/duplicate-id.heapsnapshot: nodes[3]: id already used by nodes[1]
