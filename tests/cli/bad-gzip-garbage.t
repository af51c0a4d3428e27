# bad input: a gzip header, then bytes that are not deflate data
args: analyze testdata/bad/gzip-garbage.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip-garbage.jsonl.gz: gzip: invalid block type at compressed byte 11 (0 bytes decompressed)
