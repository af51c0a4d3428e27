# V8: every DevTools rule on a hand-made snapshot (values worked out by hand in tests/v8/RULES.md, equal to DevTools' model)
args: dominators --all -f tsv testdata/v8/rules.heapsnapshot
exit: 0
--- stdout
id	type	size	retained	idom	depth	name	distance
1	(synthetic)	0	739	root	0		100000000
3	Window	100	662	1	1		1
7	Cache	240	240	3	2		2
13	(array)	0	0	7	3	(object elements)	3
29	Detached <div>	80	88	3	2	Detached <div id=app>	2
31	Detached HTMLSpanElement	8	8	29	3		3
9	WeakMap	80	80	3	2		2
17	(array)	0	0	9	3	(WeakMap table)	3
19	Key	10	80	3	2		2
21	Val	70	70	19	3		4
33	Function	32	44	3	2	handler	2
35	(compiled code)	12	12	33	3		3
11	Shared	30	30	3	2		2
15	Orphan	50	66	1	1		
23	(string)	16	16	15	2	hello	
27	CliqueB	6	6	1	1		
25	CliqueA	5	5	1	1		
5	(synthetic)	0	0	1	1	(GC roots)	100000001
