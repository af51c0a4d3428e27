# report needs -o
args: report testdata/leak.jsonl
exit: 2
--- stderr
memscope: report: give the page's file with -o FILE.html (- for standard output) (see 'memscope report --help')
