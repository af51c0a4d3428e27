# --cumulative: app.py:30, the outermost frame, is credited with all four
args: sites --cumulative -f tsv testdata/sites.jsonl
exit: 0
--- stdout
site	count	bytes	retained	top_type
app.py:30	4	360	360	dict
app.py:13	1	200	200	dict
app.py:12	3	160	160	list
lib.py:5	2	80	80	Item
