# --write-baseline writes every finding's signature (here to standard output, before the report)
args: diff -q -f tsv --cohorts --write-baseline /dev/stdout testdata/series
exit: 0
--- stdout
# memscope baseline: known leaks and growing collections, one a line:
# KIND<TAB>TYPE<TAB>SIGNATURE (memscope-format(5))
leak	app.Session	module --__dict__--> dict --'cache'--> dict
leak	app.Handler	module --__dict__--> dict --'listeners'--> list
collection	dict	module --__dict__--> dict --'cache'--> dict
collection	list	module --__dict__--> dict --'listeners'--> list
interval	new	new_bytes	alive	alive_percent	alive_bytes
1	12	1432	5	41.67	1176
2	12	1432	5	41.67	1176
3	12	1432	12	100.00	1432
