# diff --grown TSV: objects in both dumps whose retained size grew
args: diff -f tsv --grown testdata/diff/before.jsonl testdata/diff/after.jsonl
exit: 0
--- stdout
id	type	retained_before	retained_after	retained_delta
1	module	510	4528	4018
2	dict	410	4428	4018
3	dict	100	3540	3440
4	list	60	648	588
