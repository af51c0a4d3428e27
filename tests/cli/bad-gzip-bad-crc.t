# bad input: gzip whose CRC-32 does not match its data
args: analyze testdata/bad/gzip-bad-crc.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip-bad-crc.jsonl.gz: gzip: CRC-32 mismatch at compressed byte 362 (740 bytes decompressed)
