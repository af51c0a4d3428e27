# V8 bad input: truncated
args: analyze testdata/bad/v8/truncated.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/truncated.heapsnapshot:3:16: expected ',' or ']', found end of input
