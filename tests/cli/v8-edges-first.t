# V8: edges listed before snapshot.meta are read all the same (forced format: the sniffer wants "snapshot" first); the same types as rules.heapsnapshot
args: analyze --input-format v8 -f tsv --sort retained testdata/v8/edges-first.heapsnapshot
exit: 0
--- stdout
type	count	bytes	percent	retained
(synthetic)	2	0	0.00	739
Window	1	100	13.53	662
Cache	1	240	32.48	240
Detached <div>	1	80	10.83	88
WeakMap	1	80	10.83	80
Key	1	10	1.35	80
Val	1	70	9.47	70
Orphan	1	50	6.77	66
Function	1	32	4.33	44
Shared	1	30	4.06	30
(string)	1	16	2.17	16
(compiled code)	1	12	1.62	12
Detached HTMLSpanElement	1	8	1.08	8
CliqueB	1	6	0.81	6
CliqueA	1	5	0.68	5
(array)	2	0	0.00	0
