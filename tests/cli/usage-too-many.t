# two dumps
args: analyze testdata/small.jsonl testdata/small.json
exit: 2
--- stderr
memscope: analyze: too many arguments (see 'memscope analyze --help')
