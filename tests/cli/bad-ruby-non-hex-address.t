# bad input: Ruby dump, non-hex-address
args: analyze testdata/bad/ruby/non-hex-address.json
exit: 3
--- stderr
memscope: testdata/bad/ruby/non-hex-address.json:2:12: address: "0x7f00zz001000" is not a hex address
