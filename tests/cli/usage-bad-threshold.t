# a bad --threshold
args: analyze --threshold 0 testdata/leak.jsonl
exit: 2
--- stderr
memscope: analyze: --threshold: expected a percentage above 0 and at most 100, got '0' (see 'memscope analyze --help')
