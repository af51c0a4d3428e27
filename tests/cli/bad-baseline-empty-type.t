# a bad baseline (empty-type): exit 3 naming the file, the line and the cause
args: diff -q --baseline testdata/bad/baseline-empty-type.txt testdata/series
exit: 3
--- stderr
memscope: testdata/bad/baseline-empty-type.txt:1: not a baseline line: an empty type or signature
