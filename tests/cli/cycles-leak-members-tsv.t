# cycle members as TSV
args: cycles --members -f tsv testdata/leak.jsonl
exit: 0
--- stdout
cycle	id	type	size
1	40	app.Node	70
1	41	dict	80
2	4	app.Node	50
2	5	app.Node	50
3	42	list	90
