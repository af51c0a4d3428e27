# --top 0 lists every type
args: analyze --top 0 -f tsv testdata/demo.jsonl
exit: 0
--- stdout
type	count	bytes	percent
bytes	300	1161603	62.78
dict	783	367568	19.87
str	1903	124373	6.72
bytearray	100	108100	5.84
int	600	16800	0.91
app.Response	300	16800	0.91
tuple	300	16800	0.91
function	100	15200	0.82
float	300	7200	0.39
app.Node	80	4480	0.24
cell	100	4000	0.22
list	12	3952	0.21
type	3	3192	0.17
module	1	72	0.00
app.EventEmitter	1	56	0.00
