# missing DUMP
args: analyze
exit: 2
--- stderr
memscope: analyze: missing DUMP (see 'memscope analyze --help')
