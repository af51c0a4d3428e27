# V8 bad input: duplicate-key (a second "nodes" array; found by fuzz_v8 as a leak)
args: analyze testdata/bad/v8/duplicate-key.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/duplicate-key.heapsnapshot:20:1: duplicate key "nodes"
