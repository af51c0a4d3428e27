# one dump is not enough
args: diff testdata/leak.jsonl
exit: 2
--- stderr
memscope: diff: expected two dumps or more (a folder counts its dumps), got 1 (see 'memscope diff --help')
