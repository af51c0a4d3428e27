# path as TSV: the root has an empty edge
args: path -f tsv testdata/leak.jsonl 0xcd
exit: 0
--- stdout
depth	id	type	edge	name
0	1	module		app
1	2	dict	__dict__	
2	3	dict	'cache'	
3	105	app.Session	'user5'	
4	205	bytes	data	
