# --top still cuts diff's TSV when given
args: diff --top 4 -f tsv testdata/wide/before.jsonl testdata/wide/after.jsonl
exit: 0
--- stdout
type	new	freed	delta	alloc_bytes	freed_bytes	size_delta	retained_before	retained_after	retained_delta
app.Class29	30	0	30	14400	0	14400	480	14880	14400
app.Class28	29	0	29	13456	0	13456	464	13920	13456
app.Class27	28	0	28	12544	0	12544	448	12992	12544
app.Class26	27	0	27	11664	0	11664	432	12096	11664
