# a directory
args: analyze testdata
exit: 4
--- stderr
memscope: testdata: is a directory
