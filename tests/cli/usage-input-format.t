# --input-format takes auto or native
args: analyze --input-format v9 testdata/small.jsonl
exit: 2
--- stderr
memscope: analyze: --input-format: expected auto, native, ruby or v8, got 'v9' (see 'memscope analyze --help')
