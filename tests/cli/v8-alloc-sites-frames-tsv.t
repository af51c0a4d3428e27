# --frames 2: the innermost two frames, joined by ' <- '
args: sites --frames 2 -f tsv testdata/v8/alloc.heapsnapshot
exit: 0
--- stdout
site	count	bytes	retained	top_type
makeCache (app.js:10:20) <- main (app.js:1:1)	3	500	800	Entry
(anonymous) (app.js:20:5) <- makeCache (app.js:10:20)	1	300	300	Buffer
main (app.js:1:1)	1	50	50	Temp
