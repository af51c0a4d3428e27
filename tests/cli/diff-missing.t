# an unreadable dump: an I/O error naming it
args: diff testdata/leak.jsonl testdata/diff/no-such.jsonl
exit: 4
--- stderr
memscope: testdata/diff/no-such.jsonl: cannot open: No such file or directory
