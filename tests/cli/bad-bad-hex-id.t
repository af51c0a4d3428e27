# bad input: bad-hex-id
args: analyze testdata/bad/bad-hex-id.jsonl
exit: 3
--- stderr
memscope: testdata/bad/bad-hex-id.jsonl:1:8: id: "0xZZ" is not an integer or 0x-hex id
