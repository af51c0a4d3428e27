# the leak hunt: a baseline of known findings, the CI gate passes
args: diff -q --baseline testdata/baselines/series-all.txt --fail-over 1K -f tsv --cohorts testdata/series
exit: 0
--- stdout
interval	new	new_bytes	alive	alive_percent	alive_bytes
1	12	1432	5	41.67	1176
2	12	1432	5	41.67	1176
3	12	1432	12	100.00	1432
