# allocation sites of a tracked V8 snapshot: makeCache's 3 objects retain 800 B (the Map holds its Entries and the Buffer), counted once
args: sites testdata/v8/alloc.heapsnapshot
exit: 0
--- stdout
testdata/v8/alloc.heapsnapshot
Objects by allocation site (by retained bytes):
  SITE                       COUNT  BYTES  RETAINED  TOP TYPE
  makeCache (app.js:10:20)       3  500 B     800 B  Entry
  (anonymous) (app.js:20:5)      1  300 B     300 B  Buffer
  main (app.js:1:1)              1   50 B      50 B  Temp
  2 objects (40 B) have no allocation site
