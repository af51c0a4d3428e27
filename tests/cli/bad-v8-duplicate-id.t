# V8 bad input: duplicate-id
args: analyze testdata/bad/v8/duplicate-id.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/duplicate-id.heapsnapshot:5:1: duplicate id (first used at line 3)
