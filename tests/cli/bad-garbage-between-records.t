# bad input: garbage-between-records
args: analyze testdata/bad/garbage-between-records.jsonl
exit: 3
--- stderr
memscope: testdata/bad/garbage-between-records.jsonl:2:1: expected '{' to start an object record, found ','
