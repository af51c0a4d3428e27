# diff --by site as a table
args: diff --by site testdata/sites.jsonl testdata/sites-after.jsonl
exit: 0
--- stdout
before  testdata/sites.jsonl
after   testdata/sites-after.jsonl
  DUMP    OBJECTS  BYTES  REACHABLE  REACHABLE BYTES
  before        5  460 B          5            460 B
  after         6  356 B          6            356 B
  after - before: +1 objects, -104 B; reachable +1 objects, -104 B
  objects matched by id+type: 4 of after's

Allocation sites that changed (by size_delta):
  SITE       NEW  FREED  DELTA  ALLOC  FREED BYTES  SIZE DELTA  RETAINED BEFORE  RETAINED AFTER  RETAINED DELTA
  lib.py:5     2      0     +2   80 B          0 B       +80 B             80 B           160 B           +80 B
  app.py:12    0      0      0    0 B          0 B       +16 B            160 B           256 B           +96 B
  (no site)    0      0      0    0 B          0 B         0 B            460 B           356 B          -104 B
  app.py:13    0      1     -1    0 B        200 B      -200 B            200 B             0 B          -200 B

Objects whose retained size grew most:
  1. list 2 grew +96 B: 160 B -> 256 B
     path from a root:
       module 1
       --> list 2
