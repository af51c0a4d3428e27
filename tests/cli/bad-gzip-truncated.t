# bad input: gzip cut short
args: analyze testdata/bad/gzip-truncated.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip-truncated.jsonl.gz: gzip: unexpected end of data at compressed byte 183 (259 bytes decompressed)
