# TSV prints the whole tree by default, as --all
args: dominators -f tsv testdata/leak.jsonl
exit: 0
--- stdout
id	type	size	retained	idom	depth	name
1	module	100	8360	root	0	app
2	dict	200	8260	1	1	
3	dict	300	7500	2	2	
100	app.Session	100	600	3	3	
200	bytes	500	500	100	4	
101	app.Session	100	600	3	3	
201	bytes	500	500	101	4	
102	app.Session	100	600	3	3	
202	bytes	500	500	102	4	
103	app.Session	100	600	3	3	
203	bytes	500	500	103	4	
104	app.Session	100	600	3	3	
204	bytes	500	500	104	4	
105	app.Session	100	600	3	3	
205	bytes	500	500	105	4	
106	app.Session	100	600	3	3	
206	bytes	500	500	106	4	
107	app.Session	100	600	3	3	
207	bytes	500	500	107	4	
108	app.Session	100	600	3	3	
208	bytes	500	500	108	4	
109	app.Session	100	600	3	3	
209	bytes	500	500	109	4	
110	app.Session	100	600	3	3	
210	bytes	500	500	110	4	
111	app.Session	100	600	3	3	
211	bytes	500	500	111	4	
6	bytes	400	400	2	2	
4	app.Node	50	100	2	2	
5	app.Node	50	50	4	3	
10	app.View	60	60	2	2	
