# a baseline line of two fields: exit 3 naming the file, the line and the cause
args: diff --baseline testdata/bad/baseline-two-fields.txt testdata/series
exit: 3
--- stderr
memscope: testdata/bad/baseline-two-fields.txt:1: not a baseline line: expected three fields between tabs: KIND, TYPE, SIGNATURE
