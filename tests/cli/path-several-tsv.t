# paths as TSV with an obj column; type:NAME as asked
args: path -f tsv testdata/leak.jsonl 205 type:app.View
exit: 0
--- stdout
obj	depth	id	type	edge	name
205	0	1	module		app
205	1	2	dict	__dict__	
205	2	3	dict	'cache'	
205	3	105	app.Session	'user5'	
205	4	205	bytes	data	
type:app.View	0	1	module		app
type:app.View	1	2	dict	__dict__	
type:app.View	2	10	app.View	'view'	
