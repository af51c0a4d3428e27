# the same in text: an empty table and the count without a site
args: sites testdata/v8/alloc-no-functions.heapsnapshot
exit: 0
--- stdout
testdata/v8/alloc-no-functions.heapsnapshot
Objects by allocation site (by retained bytes):
  SITE  COUNT  BYTES  RETAINED  TOP TYPE
  7 objects (890 B) have no allocation site
