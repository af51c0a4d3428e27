# sizes of 4 GiB and more are kept exactly (out-of-line storage)
args: analyze -f tsv testdata/bigsize.jsonl
exit: 0
--- stdout
type	count	bytes	percent	retained
big	3	281483566645245	100.00	281483566645245
