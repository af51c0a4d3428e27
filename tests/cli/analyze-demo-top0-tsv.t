# --top 0 lists every type
args: analyze --top 0 -f tsv testdata/demo.jsonl
exit: 0
--- stdout
type	count	bytes	percent	retained
bytes	300	1161603	62.78	1161603
dict	783	367568	19.87	1823252
str	1903	124373	6.72	124373
bytearray	100	108100	5.84	108100
int	600	16800	0.91	16800
app.Response	300	16800	0.91	1566723
tuple	300	16800	0.91	32400
function	100	15200	0.82	197190
float	300	7200	0.39	7200
app.Node	80	4480	0.24	0
cell	100	4000	0.22	181990
list	12	3952	0.21	232902
type	3	3192	0.17	3192
module	1	72	0.00	1823324
app.EventEmitter	1	56	0.00	198334
