# bad input inside gzip: positions are lines of the decompressed text
args: analyze testdata/bad/gzip-negative-size.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip-negative-size.jsonl.gz:1:32: size: negative value -8
