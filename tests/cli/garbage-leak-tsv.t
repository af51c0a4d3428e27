# unreachable objects: tracked from gc, cycle numbers as memscope cycles gives them
args: garbage -f tsv testdata/leak.jsonl
exit: 0
--- stdout
id	type	size	tracked	cycle
40	app.Node	70	1	1
41	dict	80	1	1
42	list	90	1	3
43	int	28	0	
