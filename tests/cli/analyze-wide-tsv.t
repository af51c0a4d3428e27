# TSV prints every type by default (32 here, beyond the table's 20)
args: analyze -f tsv testdata/wide/after.jsonl
exit: 0
--- stdout
type	count	bytes	percent	retained
app.Class29	31	14880	9.14	14880
app.Class28	30	13920	8.55	13920
app.Class27	29	12992	7.98	12992
app.Class26	28	12096	7.43	12096
app.Class25	27	11232	6.90	11232
app.Class24	26	10400	6.39	10400
app.Class23	25	9600	5.90	9600
app.Class22	24	8832	5.42	8832
app.Class21	23	8096	4.97	8096
app.Class20	22	7392	4.54	7392
app.Class19	21	6720	4.13	6720
app.Class18	20	6080	3.73	6080
app.Class17	19	5472	3.36	5472
app.Class16	18	4896	3.01	4896
app.Class15	17	4352	2.67	4352
list	1	4016	2.47	162736
app.Class14	16	3840	2.36	3840
app.Class13	15	3360	2.06	3360
app.Class12	14	2912	1.79	2912
app.Class11	13	2496	1.53	2496
app.Class10	12	2112	1.30	2112
app.Class09	11	1760	1.08	1760
app.Class08	10	1440	0.88	1440
app.Class07	9	1152	0.71	1152
app.Class06	8	896	0.55	896
app.Class05	7	672	0.41	672
app.Class04	6	480	0.29	480
app.Class03	5	320	0.20	320
app.Class02	4	192	0.12	192
module	1	100	0.06	162836
app.Class01	3	96	0.06	96
app.Class00	2	32	0.02	32
