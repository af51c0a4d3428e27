# the CI gate, two dumps: growth of exactly the limit passes
args: diff -f tsv --fail-over 4018 testdata/diff/before.jsonl testdata/diff/after.jsonl
exit: 0
--- stdout
type	new	freed	delta	alloc_bytes	freed_bytes	size_delta	retained_before	retained_after	retained_delta
bytes	4	0	4	3500	0	3500	0	3500	3500
app.Session	4	0	4	320	0	320	0	3820	3820
dict	0	0	0	0	0	200	410	4428	4018
app.Temp	1	0	1	40	0	40	0	40	40
list	0	0	0	0	0	8	60	648	588
module	0	0	0	0	0	0	510	4528	4018
str	0	1	-1	0	50	-50	50	0	-50
