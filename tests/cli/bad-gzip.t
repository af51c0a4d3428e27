# bad input: gzip
args: analyze testdata/bad/gzip.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip.jsonl.gz:1:1: gzip-compressed input: decompress it first (zcat FILE | memscope ... -)
