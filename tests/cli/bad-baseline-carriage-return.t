# a bad baseline (carriage-return): exit 3 naming the file, the line and the cause
args: diff -q --baseline testdata/bad/baseline-carriage-return.txt testdata/series
exit: 3
--- stderr
memscope: testdata/bad/baseline-carriage-return.txt:1: not a baseline line: a carriage return inside the line (write it \r)
