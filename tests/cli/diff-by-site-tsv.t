# diff --by site: tracemalloc's compare_to('lineno') with retained bytes; objects without a site under (no site)
args: diff --by site -f tsv testdata/sites.jsonl testdata/sites-after.jsonl
exit: 0
--- stdout
site	new	freed	delta	alloc_bytes	freed_bytes	size_delta	retained_before	retained_after	retained_delta
lib.py:5	2	0	2	80	0	80	80	160	80
app.py:12	0	0	0	0	0	16	160	256	96
(no site)	0	0	0	0	0	0	460	356	-104
app.py:13	0	1	-1	0	200	-200	200	0	-200
