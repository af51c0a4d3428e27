# graph: - with no ids is a usage error
args: graph --refs - testdata/leak.jsonl
stdin: testdata/ids/none.txt
exit: 2
--- stderr
memscope: graph: OBJ '-': no objects on standard input (see 'memscope graph --help')
