# bad input: trailing-garbage
args: analyze testdata/bad/trailing-garbage.json
exit: 3
--- stderr
memscope: testdata/bad/trailing-garbage.json:2:1: unexpected data after the JSON document
