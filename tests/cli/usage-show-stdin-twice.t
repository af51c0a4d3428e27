# OBJ - given twice
args: show testdata/leak.jsonl - 205 -
stdin: testdata/ids/leak-ids.txt
exit: 2
--- stderr
memscope: show: OBJ '-' given twice: standard input is read once (see 'memscope show --help')
