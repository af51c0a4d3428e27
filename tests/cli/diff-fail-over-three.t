# the CI gate, three dumps: the leak clusters retain 3,820 bytes, more than 3K
args: diff -f tsv --leaks --fail-over 3K testdata/diff/before.jsonl testdata/diff/after.jsonl testdata/diff/final.jsonl
exit: 7
--- stdout
cluster	count	retained	type	path	name	churn
1	3	3240	app.Session	module --__dict__--> dict --'cache'--> dict --'u1'--> app.Session	cache	
2	1	580	app.Session	module --__dict__--> dict --'other'--> list --[0]--> app.Session	other	
--- stderr
memscope: 2 new leak clusters retain 3820 bytes, more than --fail-over 3072; the first: app.Session at module --__dict__--> dict --'cache'--> dict
