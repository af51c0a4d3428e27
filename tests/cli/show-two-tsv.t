# two ids as TSV: one table, an obj column first with each OBJ as asked
args: show -f tsv testdata/leak.jsonl 205 0x64
exit: 0
--- stdout
obj	relation	id	type	size	name	object_name
205	object	205	bytes	500		
205	referrer	105	app.Session	100	data	
0x64	object	100	app.Session	100		
0x64	ref	200	bytes	500	data	
0x64	referrer	3	dict	300	'user0'	
