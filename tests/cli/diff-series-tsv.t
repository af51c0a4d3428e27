# diff --series: every type over the dumps, growing ones first
args: diff -f tsv --series testdata/series
exit: 0
--- stdout
type	grew_every	growth	count_growth	counts	bytes
bytes	1	3000	6	2 4 6 8	1000 2000 3000 4000
app.Session	1	384	6	2 4 6 8	128 256 384 512
app.Handler	1	144	3	1 2 3 4	48 96 144 192
dict	1	144	0	2 2 2 2	508 556 604 652
list	1	24	0	3 3 3 3	280 288 296 304
app.Event	0	0	0	4 4 4 4	160 160 160 160
app.Scratch	0	0	0	3 3 3 3	96 96 96 96
collections.deque	0	0	0	1 1 1 1	600 600 600 600
int	0	0	0	10 10 10 10	280 280 280 280
module	0	0	0	1 1 1 1	72 72 72 72
