# an empty type: on standard input
args: path testdata/leak.jsonl -
stdin: testdata/ids/empty-type.txt
exit: 2
--- stderr
memscope: path: -:1: 'type:' needs a type name (see 'memscope path --help')
