# bad input: hex-id-overflow
args: analyze testdata/bad/hex-id-overflow.jsonl
exit: 3
--- stderr
memscope: testdata/bad/hex-id-overflow.jsonl:1:8: id: larger than 2^64-1
