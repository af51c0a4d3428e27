# an id not in the dump among others: its message, the others answered, exit 5
args: show -f tsv testdata/leak.jsonl 205 999 0x64
exit: 5
--- stdout
obj	relation	id	type	size	name	object_name
205	object	205	bytes	500		
205	referrer	105	app.Session	100	data	
0x64	object	100	app.Session	100		
0x64	ref	200	bytes	500	data	
0x64	referrer	3	dict	300	'user0'	
--- stderr
memscope: testdata/leak.jsonl: no object with id 999
