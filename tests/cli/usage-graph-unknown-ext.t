# -o with an extension that names no format
args: graph --refs 200 -o /tmp/memscope-x.foo testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: -o /tmp/memscope-x.foo: cannot tell the format from the extension: give -T FORMAT (see 'memscope graph --help')
