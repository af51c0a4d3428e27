# the CI gate, two dumps: the reachable heap grew by 4,018 bytes, more than 4017
args: diff -q --fail-over 4017 testdata/diff/before.jsonl testdata/diff/after.jsonl
exit: 7
--- stdout
before  testdata/diff/before.jsonl
after   testdata/diff/after.jsonl
  DUMP    OBJECTS    BYTES  REACHABLE  REACHABLE BYTES
  before        5    510 B          5            510 B
  after        13  4.4 KiB         13          4.4 KiB
  after - before: +8 objects, +3.9 KiB; reachable +8 objects, +3.9 KiB
  objects matched by id+type: 4 of after's

Types that changed (by size_delta):
  TYPE         NEW  FREED  DELTA    ALLOC  FREED BYTES  SIZE DELTA  RETAINED BEFORE  RETAINED AFTER  RETAINED DELTA
  bytes          4      0     +4  3.4 KiB          0 B    +3.4 KiB              0 B         3.4 KiB        +3.4 KiB
  app.Session    4      0     +4    320 B          0 B      +320 B              0 B         3.7 KiB        +3.7 KiB
  dict           0      0      0      0 B          0 B      +200 B            410 B         4.3 KiB        +3.9 KiB
  app.Temp       1      0     +1     40 B          0 B       +40 B              0 B            40 B           +40 B
  list           0      0      0      0 B          0 B        +8 B             60 B           648 B          +588 B
  module         0      0      0      0 B          0 B         0 B            510 B         4.4 KiB        +3.9 KiB
  str            0      1     -1      0 B         50 B       -50 B             50 B             0 B           -50 B

Objects whose retained size grew most:
  1. module app 1 grew +3.9 KiB: 510 B -> 4.4 KiB
     path from a root:
       module app 1
  2. dict 2 grew +3.9 KiB: 410 B -> 4.3 KiB
     path from a root:
       module app 1
       --__dict__--> dict 2
  3. dict 3 grew +3.4 KiB: 100 B -> 3.5 KiB
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 3
  4. list 4 grew +588 B: 60 B -> 648 B
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'other'--> list 4
--- stderr
memscope: the reachable heap grew by 4018 bytes, more than --fail-over 4017
