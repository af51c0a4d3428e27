# BEFORE and AFTER of different formats: both valid, the command line is not (usage)
args: diff testdata/leak.jsonl testdata/v8/rules.heapsnapshot
exit: 2
--- stderr
memscope: diff: testdata/v8/rules.heapsnapshot: a v8 dump, but testdata/leak.jsonl is a native dump: diff compares dumps of one process (see 'memscope diff --help')
