# a baseline that knows the cache: --fail-over names only the new listener list
args: diff -q -f tsv --collections --baseline testdata/baselines/series-cache.txt --fail-over 100 testdata/series
exit: 7
--- stdout
id	type	growth	element_growth	elements	retained	name	known	signature	path
10	dict	3528	6	2 4 6 8	1276 2452 3628 4804	cache	1	module --__dict__--> dict --'cache'--> dict	module --__dict__--> dict --'cache'--> dict
11	list	168	3	1 2 3 4	112 168 224 280	listeners	0	module --__dict__--> dict --'listeners'--> list	module --__dict__--> dict --'listeners'--> list
--- stderr
memscope: a new growing collection grew by 168 bytes, more than --fail-over 100: list 11 at module --__dict__--> dict --'listeners'--> list
