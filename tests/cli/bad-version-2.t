# bad input: version-2
args: analyze testdata/bad/version-2.jsonl
exit: 3
--- stderr
memscope: testdata/bad/version-2.jsonl:1:14: unsupported format version 2 (this memscope reads version 1)
