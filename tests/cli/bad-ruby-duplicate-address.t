# bad input: Ruby dump, duplicate-address
args: analyze testdata/bad/ruby/duplicate-address.json
exit: 3
--- stderr
memscope: testdata/bad/ruby/duplicate-address.json:3:1: duplicate id (first used at line 2)
