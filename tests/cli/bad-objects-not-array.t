# bad input: objects-not-array
args: analyze testdata/bad/objects-not-array.json
exit: 3
--- stderr
memscope: testdata/bad/objects-not-array.json:1:28: objects must be an array of records
