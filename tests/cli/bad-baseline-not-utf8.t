# a bad baseline (not-utf8): exit 3 naming the file, the line and the cause
args: diff -q --baseline testdata/bad/baseline-not-utf8.txt testdata/series
exit: 3
--- stderr
memscope: testdata/bad/baseline-not-utf8.txt:1: not a baseline line: not UTF-8
