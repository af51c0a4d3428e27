# V8 bad input: no-strings
args: analyze testdata/bad/v8/no-strings.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/no-strings.heapsnapshot:44:15: not a V8 heap snapshot: no "strings" array or object
