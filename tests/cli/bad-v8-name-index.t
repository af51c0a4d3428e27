# V8 bad input: name-index
args: analyze testdata/bad/v8/name-index.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/name-index.heapsnapshot:3:3: nodes[1]: name 2000 is not a string index
