# BEFORE and AFTER of different formats: bad input
args: diff testdata/leak.jsonl testdata/v8/rules.heapsnapshot
exit: 3
--- stderr
memscope: testdata/v8/rules.heapsnapshot: a v8 dump, but testdata/leak.jsonl is a native dump: diff compares dumps of one process
