# graph: OBJ - with DUMP -
args: graph --refs=- -
stdin: testdata/ids/leak-ids.txt
exit: 2
--- stderr
memscope: graph: OBJ '-' and DUMP '-' cannot both read standard input (see 'memscope graph --help')
