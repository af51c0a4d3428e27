# a bad baseline (unknown-kind): exit 3 naming the file, the line and the cause
args: diff -q --baseline testdata/bad/baseline-unknown-kind.txt testdata/series
exit: 3
--- stderr
memscope: testdata/bad/baseline-unknown-kind.txt:2: not a baseline line: the kind is neither leak nor collection
