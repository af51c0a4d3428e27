# --all-leaks lists the churn after the leaks, its kind in the churn column
args: diff --all-leaks -f tsv --leaks testdata/churn/before.jsonl testdata/churn/after.jsonl testdata/churn/final.jsonl
exit: 0
--- stdout
cluster	count	retained	type	path	name	churn
1	2	600	app.Job	module --__dict__--> dict --'JOBS'--> list ----> app.Job	JOBS	
2	1	100	app.Sample	module --__dict__--> dict --'RING'--> collections.deque ----> app.Sample	RING	bounded
