# OBJ - reads ids from standard input (comments, blank lines, spaces skipped), mixed with operands
args: show -f tsv testdata/leak.jsonl 200 -
stdin: testdata/ids/leak-ids.txt
exit: 0
--- stdout
obj	relation	id	type	size	name	object_name
200	object	200	bytes	500		
200	referrer	100	app.Session	100	data	
205	object	205	bytes	500		
205	referrer	105	app.Session	100	data	
0x64	object	100	app.Session	100		
0x64	ref	200	bytes	500	data	
0x64	referrer	3	dict	300	'user0'	
6	object	6	bytes	400		
6	referrer	5	app.Node	50	payload	
6	referrer	10	app.View	60	payload	
