# an output directory that does not exist: exit 4
args: graph --refs 200 -o /nonexistent/dir/x.svg testdata/leak.jsonl
exit: 4
--- stderr
memscope: /nonexistent/dir/x.svg: cannot create: No such file or directory
