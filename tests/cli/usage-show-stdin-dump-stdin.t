# OBJ - and DUMP - cannot both read standard input
args: show - -
stdin: testdata/ids/leak-ids.txt
exit: 2
--- stderr
memscope: show: OBJ '-' and DUMP '-' cannot both read standard input (see 'memscope show --help')
