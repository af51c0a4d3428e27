# fuzz_v8 found this hang: joined strings whose parts lead back to themselves
# (here the root, whose missing parts DevTools takes as node 0) keep V8's names
args: dominators --all -f tsv testdata/v8/cons-cycle.heapsnapshot
exit: 0
--- stdout
id	type	size	retained	idom	depth	name	distance
1	(concatenated string)	0	680	root	0		100000000
3	Window	100	333	1	1		1
29	(synthetic)	80	88	3	2	<div id=app>	2
31	(synthetic)	8	8	29	3	HTMLSpanElement	3
9	WeakMap	80	80	3	2		2
17	(array)	0	0	9	3	(WeakMap table)	3
33	RegExp	32	44	3	2	handler	2
35	(cedge_fieldsre)	12	12	33	3		3
21	Val	11	11	3	2		3
19	Key	10	10	3	2		2
7	Cache	240	240	1	1		2
13	(array)	0	0	7	2	(object elements)	3
15	Or) -> value (phan	50	66	1	1		
23	(string)	16	16	15	2	hello	
11	Shared	30	30	1	1		2
27	CliqueB	6	6	1	1		
25	CliqueA	5	5	1	1		
5	(concatenated string)	0	0	1	1	(GC roots)	1
