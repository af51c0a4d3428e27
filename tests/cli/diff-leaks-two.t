# --leaks needs FINAL
args: diff --leaks -f tsv testdata/leak.jsonl testdata/leak.jsonl
exit: 2
--- stderr
memscope: diff: --leaks needs three dumps or more (see 'memscope diff --help')
