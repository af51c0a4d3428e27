# a bad --min-retained
args: dominators --min-retained 10X testdata/leak.jsonl
exit: 2
--- stderr
memscope: dominators: --min-retained: expected a size in bytes (e.g. 4096, 64K, 10M), got '10X' (see 'memscope dominators --help')
