# --collections needs three dumps or more
args: diff -f tsv --collections testdata/series/heap-1.jsonl testdata/series/heap-2.jsonl
exit: 2
--- stderr
memscope: diff: --collections needs three dumps or more (see 'memscope diff --help')
