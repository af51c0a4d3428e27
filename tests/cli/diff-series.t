# diff of a folder of four dumps: the leaks of the first, third and fourth, the types and collections that grew in every interval, the cohorts
args: diff testdata/series
exit: 0
--- stdout
before  testdata/series/heap-1.jsonl
after   testdata/series/heap-3.jsonl
final   testdata/series/heap-4.jsonl
  DUMP    OBJECTS    BYTES  REACHABLE  REACHABLE BYTES
  before       29  3.1 KiB         29          3.1 KiB
  after        39  5.5 KiB         39          5.5 KiB
  final        44  6.7 KiB         44          6.7 KiB
  after - before: +10 objects, +2.4 KiB; reachable +10 objects, +2.4 KiB
  objects matched by id+type: 22 of after's

Types that changed (by size_delta):
  TYPE         NEW  FREED  DELTA    ALLOC  FREED BYTES  SIZE DELTA  RETAINED BEFORE  RETAINED AFTER  RETAINED DELTA
  bytes          4      0     +4  2.0 KiB          0 B    +2.0 KiB           1000 B         2.9 KiB        +2.0 KiB
  app.Session    4      0     +4    256 B          0 B      +256 B          1.1 KiB         3.3 KiB        +2.2 KiB
  app.Handler    2      0     +2     96 B          0 B       +96 B             48 B           144 B           +96 B
  dict           0      0      0      0 B          0 B       +96 B          3.0 KiB         5.4 KiB        +2.4 KiB
  list           0      0      0      0 B          0 B       +16 B            704 B           816 B          +112 B
  app.Event      4      4      0    160 B        160 B         0 B            160 B           160 B             0 B
  app.Scratch    3      3      0     96 B         96 B         0 B             96 B            96 B             0 B
  module         0      0      0      0 B          0 B         0 B          3.1 KiB         5.5 KiB        +2.4 KiB

Objects whose retained size grew most:
  1. module app 1 grew +2.4 KiB: 3.1 KiB -> 5.5 KiB
     path from a root:
       module app 1
  2. dict 2 grew +2.4 KiB: 3.0 KiB -> 5.4 KiB
     path from a root:
       module app 1
       --__dict__--> dict 2
  3. dict 10 grew +2.3 KiB: 1.2 KiB -> 3.5 KiB
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 10
  4. list 11 grew +112 B: 112 B -> 224 B
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'listeners'--> list 11

Leaks (new in after, still in final): 10 objects in 2 clusters, retaining 2.3 KiB
  1. cache: 4 objects of type app.Session retain 2.2 KiB; e.g. 104
     holding 4 objects of type bytes retaining 2.0 KiB
     made of bytes 2.0 KiB (4), app.Session 256 B (4)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 10
       --'user2'--> app.Session 104
  2. listeners: 2 objects of type app.Handler retain 96 B; e.g. 301
     made of app.Handler 96 B (2)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'listeners'--> list 11
       --[1]--> app.Handler 301

Growth over 4 dumps:
   1  29 objects, 3.1 KiB reachable  testdata/series/heap-1.jsonl
   2  34 objects, 4.3 KiB reachable  testdata/series/heap-2.jsonl
   3  39 objects, 5.5 KiB reachable  testdata/series/heap-3.jsonl
   4  44 objects, 6.7 KiB reachable  testdata/series/heap-4.jsonl

Types that grew in every interval: 5 of 10
  TYPE           GROWTH   FIRST     LAST  COUNT GROWTH  FIRST  LAST
  bytes        +2.9 KiB  1000 B  3.9 KiB            +6      2     8
  app.Session    +384 B   128 B    512 B            +6      2     8
  app.Handler    +144 B    48 B    192 B            +3      1     4
  dict           +144 B   508 B    652 B             0      2     2
  list            +24 B   280 B    304 B             0      3     3

Collections whose element count grew in every interval: 2
  1. cache: dict 10: 2 -> 8 elements, retained +3.4 KiB (1.2 KiB -> 4.7 KiB)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 10
  2. listeners: list 11: 1 -> 4 elements, retained +168 B (112 B -> 280 B)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'listeners'--> list 11

Cohorts: the objects new in each interval, and those still in the last dump:
  INTERVAL  NEW  NEW BYTES  STILL IN LAST       %    BYTES
         1   12    1.4 KiB              5   41.7%  1.1 KiB
         2   12    1.4 KiB              5   41.7%  1.1 KiB
         3   12    1.4 KiB             12  100.0%  1.4 KiB
