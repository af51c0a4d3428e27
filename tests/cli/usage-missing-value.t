# an option without its value
args: analyze testdata/small.jsonl --top
exit: 2
--- stderr
memscope: analyze: option '--top' needs a value (see 'memscope analyze --help')
