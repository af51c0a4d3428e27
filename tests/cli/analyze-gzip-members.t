# a gzip file of two members (cat a.gz b.gz) is read whole: analyze-small-tsv.t's output
args: analyze --format tsv testdata/small-two-members.jsonl.gz
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
memscope: warning: testdata/small-two-members.jsonl.gz: 1 reference to ids not in the dump dropped (first: 99 from object 2)
