# a baseline of every finding: --fail-over passes
args: diff -q -f tsv --leaks --baseline testdata/baselines/series-all.txt --fail-over 100 testdata/series
exit: 0
--- stdout
cluster	count	retained	type	path	name	churn
1	4	2256	app.Session	module --__dict__--> dict --'cache'--> dict --'user2'--> app.Session	cache	
2	2	96	app.Handler	module --__dict__--> dict --'listeners'--> list --[1]--> app.Handler	listeners	
