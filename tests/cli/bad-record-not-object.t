# bad input: record-not-object
args: analyze testdata/bad/record-not-object.json
exit: 3
--- stderr
memscope: testdata/bad/record-not-object.json:1:37: expected '{' to start an object record, found '7'
