# one dump is not enough
args: diff testdata/leak.jsonl
exit: 2
--- stderr
memscope: diff: expected BEFORE AFTER [FINAL], got 1 operand (see 'memscope diff --help')
