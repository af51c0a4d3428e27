# a ring with a "bound" (deque maxlen) turns over: its new Sample is churn, left out and counted; the list's Jobs are the leak
args: diff testdata/churn/before.jsonl testdata/churn/after.jsonl testdata/churn/final.jsonl
exit: 0
--- stdout
before  testdata/churn/before.jsonl
after   testdata/churn/after.jsonl
final   testdata/churn/final.jsonl
  DUMP    OBJECTS    BYTES  REACHABLE  REACHABLE BYTES
  before        8  1.6 KiB          8          1.6 KiB
  after        10  2.1 KiB         10          2.1 KiB
  final        11  2.4 KiB         11          2.4 KiB
  after - before: +2 objects, +600 B; reachable +2 objects, +600 B
  objects matched by id+type: 6 of after's

Types that changed (by size_delta):
  TYPE        NEW  FREED  DELTA  ALLOC  FREED BYTES  SIZE DELTA  RETAINED BEFORE  RETAINED AFTER  RETAINED DELTA
  app.Job       2      0     +2  600 B          0 B      +600 B            300 B           900 B          +600 B
  app.Sample    2      2      0  200 B        200 B         0 B            300 B           300 B             0 B
  dict          0      0      0    0 B          0 B         0 B          1.5 KiB         2.1 KiB          +600 B
  list          0      0      0    0 B          0 B         0 B            388 B           988 B          +600 B
  module        0      0      0    0 B          0 B         0 B          1.6 KiB         2.1 KiB          +600 B

Objects whose retained size grew most:
  1. module app 1 grew +600 B: 1.6 KiB -> 2.1 KiB
     path from a root:
       module app 1
  2. dict 2 grew +600 B: 1.5 KiB -> 2.1 KiB
     path from a root:
       module app 1
       --__dict__--> dict 2
  3. list 4 grew +600 B: 388 B -> 988 B
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'JOBS'--> list 4

Leaks (new in after, still in final): 2 objects in 1 cluster, retaining 600 B
  churn left out: 1 cluster of 1 object retaining 100 B (the runtime's own, bounded caches at their bound, minor ones); --all-leaks lists them
  1. JOBS: 2 objects of type app.Job retain 600 B; e.g. 21
     made of app.Job 600 B (2)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'JOBS'--> list 4
       --> app.Job 21

Growth over 3 dumps:
   1  8 objects, 1.6 KiB reachable  testdata/churn/before.jsonl
   2  10 objects, 2.1 KiB reachable  testdata/churn/after.jsonl
   3  11 objects, 2.4 KiB reachable  testdata/churn/final.jsonl

Types that grew in every interval: 1 of 6
  TYPE     GROWTH  FIRST     LAST  COUNT GROWTH  FIRST  LAST
  app.Job  +900 B  300 B  1.2 KiB            +3      1     4

Collections whose element count grew in every interval: 1
  1. JOBS: list 4: 1 -> 4 elements, retained +900 B (388 B -> 1.3 KiB)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'JOBS'--> list 4

Cohorts: the objects new in each interval, and those still in the last dump:
  INTERVAL  NEW  NEW BYTES  STILL IN LAST       %  BYTES
         1    4      800 B              3   75.0%  700 B
         2    3      500 B              3  100.0%  500 B
