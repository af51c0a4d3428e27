# --format takes table, tsv or json
args: analyze --format xml testdata/small.jsonl
exit: 2
--- stderr
memscope: analyze: --format: expected table, tsv or json, got 'xml' (see 'memscope analyze --help')
