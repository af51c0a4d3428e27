# bad input: duplicate-id-array
args: analyze testdata/bad/duplicate-id-array.json
exit: 3
--- stderr
memscope: testdata/bad/duplicate-id-array.json:3:3: duplicate id (first used at line 1)
