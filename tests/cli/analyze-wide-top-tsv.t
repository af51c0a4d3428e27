# --top still cuts TSV when given
args: analyze --top 3 -f tsv testdata/wide/after.jsonl
exit: 0
--- stdout
type	count	bytes	percent	retained
app.Class29	31	14880	9.14	14880
app.Class28	30	13920	8.55	13920
app.Class27	29	12992	7.98	12992
