# --frames 3: the whole stacks
args: sites --frames 3 -f tsv testdata/sites.jsonl
exit: 0
--- stdout
site	count	bytes	retained	top_type
app.py:13 <- app.py:30	1	200	200	dict
app.py:12 <- app.py:30	1	80	160	list
lib.py:5 <- app.py:12 <- app.py:30	2	80	80	Item
