# unreachable objects: tracked from gc, cycle numbers as memscope cycles gives them
args: garbage -f tsv testdata/leak.jsonl
exit: 0
--- stdout
id	type	size	tracked	cycle	finalizer
40	app.Node	70	1	1	0
41	dict	80	1	1	0
42	list	90	1	3	0
43	int	28	0		0
