# not found wins over garbage in the exit status
args: path -f tsv testdata/leak.jsonl 40 77 205
exit: 5
--- stdout
obj	depth	id	type	edge	name
205	0	1	module		app
205	1	2	dict	__dict__	
205	2	3	dict	'cache'	
205	3	105	app.Session	'user5'	
205	4	205	bytes	data	
--- stderr
memscope: testdata/leak.jsonl: object 40 is unreachable from the roots (garbage): no retaining path
memscope: testdata/leak.jsonl: no object with id 77
