# diff's table keeps 20 rows and says how many it left out
args: diff testdata/wide/before.jsonl testdata/wide/after.jsonl
exit: 0
--- stdout
before  testdata/wide/before.jsonl
after   testdata/wide/after.jsonl
  DUMP    OBJECTS      BYTES  REACHABLE  REACHABLE BYTES
  before       32    7.7 KiB         32          7.7 KiB
  after       497  159.0 KiB        497        159.0 KiB
  after - before: +465 objects, +151.4 KiB; reachable +465 objects, +151.4 KiB
  objects matched by id+type: 32 of after's

Types that changed (by size_delta):
  TYPE         NEW  FREED  DELTA     ALLOC  FREED BYTES  SIZE DELTA  RETAINED BEFORE  RETAINED AFTER  RETAINED DELTA
  app.Class29   30      0    +30  14.1 KiB          0 B   +14.1 KiB            480 B        14.5 KiB       +14.1 KiB
  app.Class28   29      0    +29  13.1 KiB          0 B   +13.1 KiB            464 B        13.6 KiB       +13.1 KiB
  app.Class27   28      0    +28  12.2 KiB          0 B   +12.2 KiB            448 B        12.7 KiB       +12.2 KiB
  app.Class26   27      0    +27  11.4 KiB          0 B   +11.4 KiB            432 B        11.8 KiB       +11.4 KiB
  app.Class25   26      0    +26  10.6 KiB          0 B   +10.6 KiB            416 B        11.0 KiB       +10.6 KiB
  app.Class24   25      0    +25   9.8 KiB          0 B    +9.8 KiB            400 B        10.2 KiB        +9.8 KiB
  app.Class23   24      0    +24   9.0 KiB          0 B    +9.0 KiB            384 B         9.4 KiB        +9.0 KiB
  app.Class22   23      0    +23   8.3 KiB          0 B    +8.3 KiB            368 B         8.6 KiB        +8.3 KiB
  app.Class21   22      0    +22   7.6 KiB          0 B    +7.6 KiB            352 B         7.9 KiB        +7.6 KiB
  app.Class20   21      0    +21   6.9 KiB          0 B    +6.9 KiB            336 B         7.2 KiB        +6.9 KiB
  app.Class19   20      0    +20   6.2 KiB          0 B    +6.2 KiB            320 B         6.6 KiB        +6.2 KiB
  app.Class18   19      0    +19   5.6 KiB          0 B    +5.6 KiB            304 B         5.9 KiB        +5.6 KiB
  app.Class17   18      0    +18   5.1 KiB          0 B    +5.1 KiB            288 B         5.3 KiB        +5.1 KiB
  app.Class16   17      0    +17   4.5 KiB          0 B    +4.5 KiB            272 B         4.8 KiB        +4.5 KiB
  app.Class15   16      0    +16   4.0 KiB          0 B    +4.0 KiB            256 B         4.2 KiB        +4.0 KiB
  list           0      0      0       0 B          0 B    +3.6 KiB          7.6 KiB       158.9 KiB      +151.4 KiB
  app.Class14   15      0    +15   3.5 KiB          0 B    +3.5 KiB            240 B         3.8 KiB        +3.5 KiB
  app.Class13   14      0    +14   3.1 KiB          0 B    +3.1 KiB            224 B         3.3 KiB        +3.1 KiB
  app.Class12   13      0    +13   2.6 KiB          0 B    +2.6 KiB            208 B         2.8 KiB        +2.6 KiB
  app.Class11   12      0    +12   2.2 KiB          0 B    +2.2 KiB            192 B         2.4 KiB        +2.2 KiB

Objects whose retained size grew most:
  1. module app 1 grew +151.4 KiB: 7.7 KiB -> 159.0 KiB
     path from a root:
       module app 1
  2. list 2 grew +151.4 KiB: 7.6 KiB -> 158.9 KiB
     path from a root:
       module app 1
       --__dict__--> list 2
