# bad input: unterminated-array
args: analyze testdata/bad/unterminated-array.json
exit: 3
--- stderr
memscope: testdata/bad/unterminated-array.json:2:1: expected ',' or ']' after a record, found end of input
