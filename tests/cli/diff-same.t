# diff of a dump with itself: no change
args: diff testdata/diff/after.jsonl testdata/diff/after.jsonl
exit: 0
--- stdout
before  testdata/diff/after.jsonl
after   testdata/diff/after.jsonl
  DUMP    OBJECTS    BYTES  REACHABLE  REACHABLE BYTES
  before       13  4.4 KiB         13          4.4 KiB
  after        13  4.4 KiB         13          4.4 KiB
  after - before: 0 objects, 0 B; reachable 0 objects, 0 B
  objects matched by id+type: 13 of after's

Types that changed (by size_delta):
  none

Objects whose retained size grew most:
  none
