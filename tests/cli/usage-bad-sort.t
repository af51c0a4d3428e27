# --sort takes bytes or count
args: analyze --sort size testdata/small.jsonl
exit: 2
--- stderr
memscope: analyze: --sort: expected bytes, count or retained, got 'size' (see 'memscope analyze --help')
