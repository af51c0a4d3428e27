# bad input: a gzip file of no data: its content is empty
args: analyze testdata/bad/gzip.jsonl.gz
exit: 3
--- stderr
memscope: testdata/bad/gzip.jsonl.gz:1:1: empty file: no header and no objects
