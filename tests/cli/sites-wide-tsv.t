# TSV prints every site by default
args: sites -f tsv testdata/wide/after.jsonl
exit: 0
--- stdout
site	count	bytes	retained	top_type
app.py:39	31	14880	14880	app.Class29
app.py:38	30	13920	13920	app.Class28
app.py:37	29	12992	12992	app.Class27
app.py:36	28	12096	12096	app.Class26
app.py:35	27	11232	11232	app.Class25
app.py:34	26	10400	10400	app.Class24
app.py:33	25	9600	9600	app.Class23
app.py:32	24	8832	8832	app.Class22
app.py:31	23	8096	8096	app.Class21
app.py:30	22	7392	7392	app.Class20
app.py:29	21	6720	6720	app.Class19
app.py:28	20	6080	6080	app.Class18
app.py:27	19	5472	5472	app.Class17
app.py:26	18	4896	4896	app.Class16
app.py:25	17	4352	4352	app.Class15
app.py:24	16	3840	3840	app.Class14
app.py:23	15	3360	3360	app.Class13
app.py:22	14	2912	2912	app.Class12
app.py:21	13	2496	2496	app.Class11
app.py:20	12	2112	2112	app.Class10
app.py:19	11	1760	1760	app.Class09
app.py:18	10	1440	1440	app.Class08
app.py:17	9	1152	1152	app.Class07
app.py:16	8	896	896	app.Class06
app.py:15	7	672	672	app.Class05
app.py:14	6	480	480	app.Class04
app.py:13	5	320	320	app.Class03
app.py:12	4	192	192	app.Class02
app.py:11	3	96	96	app.Class01
app.py:10	2	32	32	app.Class00
