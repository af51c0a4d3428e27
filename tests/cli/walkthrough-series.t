# the leak hunt: a series of four dumps, the collections that grew in every interval
args: diff -f tsv --collections testdata/series
exit: 0
--- stdout
id	type	growth	element_growth	elements	retained	name	known	signature	path
10	dict	3528	6	2 4 6 8	1276 2452 3628 4804	cache	0	module --__dict__--> dict --'cache'--> dict	module --__dict__--> dict --'cache'--> dict
11	list	168	3	1 2 3 4	112 168 224 280	listeners	0	module --__dict__--> dict --'listeners'--> list	module --__dict__--> dict --'listeners'--> list
