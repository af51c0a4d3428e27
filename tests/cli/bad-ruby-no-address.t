# bad input: Ruby dump, no-address
args: analyze testdata/bad/ruby/no-address.json
exit: 3
--- stderr
memscope: testdata/bad/ruby/no-address.json:3:1: record has no "address"
