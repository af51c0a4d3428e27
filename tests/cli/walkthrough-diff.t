# README, finding what grew: diff of three dumps: totals, changed types, grown objects and two leak clusters (a dict's entries whatever their keys; another global's list)
args: diff testdata/diff/before.jsonl testdata/diff/after.jsonl testdata/diff/final.jsonl
exit: 0
--- stdout
before  testdata/diff/before.jsonl
after   testdata/diff/after.jsonl
final   testdata/diff/final.jsonl
  DUMP    OBJECTS    BYTES  REACHABLE  REACHABLE BYTES
  before        5    510 B          5            510 B
  after        13  4.4 KiB         13          4.4 KiB
  final        12  4.4 KiB         12          4.4 KiB
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

Leaks (new in after, still in final): 8 objects in 2 clusters, retaining 3.7 KiB
  1. cache: 3 objects of type app.Session retain 3.2 KiB; e.g. 10
     holding 3 objects of type bytes retaining 2.9 KiB
     made of bytes 2.9 KiB (3), app.Session 240 B (3)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 3
       --'u1'--> app.Session 10
  2. other: 1 object of type app.Session retains 580 B; e.g. 13
     holding 1 object of type bytes retaining 500 B
     made of bytes 500 B (1), app.Session 80 B (1)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'other'--> list 4
       --[0]--> app.Session 13

Growth over 3 dumps:
   1  5 objects, 510 B reachable  testdata/diff/before.jsonl
   2  13 objects, 4.4 KiB reachable  testdata/diff/after.jsonl
   3  12 objects, 4.4 KiB reachable  testdata/diff/final.jsonl

Types that grew in every interval: 0 of 7

Collections whose element count grew in every interval: 0

Cohorts: the objects new in each interval, and those still in the last dump:
  INTERVAL  NEW  NEW BYTES  STILL IN LAST      %    BYTES
         1    9    3.8 KiB              8  88.9%  3.7 KiB
         2    0        0 B              0   0.0%      0 B
