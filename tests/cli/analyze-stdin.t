# - reads standard input
args: analyze -q -f tsv -
stdin: testdata/small.jsonl
exit: 0
--- stdout
type	count	bytes	percent	retained
dict	1	232	43.69	431
list	1	88	16.57	144
module	1	72	13.56	503
__main__.Node	1	56	10.55	56
str	1	55	10.36	55
int	1	28	5.27	0
--- stderr
memscope: warning: <stdin>: 1 reference to ids not in the dump dropped (first: 99 from object 2)
