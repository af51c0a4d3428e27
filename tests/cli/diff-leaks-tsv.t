# diff --leaks TSV: one line per cluster, its path on one line
args: diff -f tsv --leaks testdata/diff/before.jsonl testdata/diff/after.jsonl testdata/diff/final.jsonl
exit: 0
--- stdout
cluster	count	retained	type	path	name	churn
1	3	3240	app.Session	module --__dict__--> dict --'cache'--> dict --'u1'--> app.Session	cache	
2	1	580	app.Session	module --__dict__--> dict --'other'--> list --[0]--> app.Session	other	
