# bad input: data after the last gzip member
args: analyze testdata/bad/gzip-trailing-garbage.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip-trailing-garbage.jsonl.gz: gzip: trailing garbage at compressed byte 366 (740 bytes decompressed)
