# bad input: id-and-address
args: analyze testdata/bad/id-and-address.jsonl
exit: 3
--- stderr
memscope: testdata/bad/id-and-address.jsonl:1:11: record has both "id" and "address"
