# a file that does not exist
args: analyze testdata/no-such-file.jsonl
exit: 4
--- stderr
memscope: testdata/no-such-file.jsonl: cannot open: No such file or directory
