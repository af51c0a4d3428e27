# types by retained size; a lower threshold finds more suspects
args: analyze --sort retained --threshold 5 --top 4 testdata/leak.jsonl
exit: 0
--- stdout
testdata/leak.jsonl
  meta        hand-made
  objects     35
  references  36
  bytes       8.4 KiB (8,628)
  dangling    0
  roots       1 (listed by the dump)
  reachable   31 objects, 8.2 KiB

Types by retained bytes (top 4 of 8):
  TYPE         COUNT    BYTES  % HEAP  RETAINED
  module           1    100 B    1.2%   8.2 KiB
  dict             3    580 B    6.7%   8.1 KiB
  app.Session     12  1.2 KiB   13.9%   7.0 KiB
  bytes           13  6.2 KiB   74.2%   6.2 KiB

Largest retainers:
   ID  TYPE          SIZE  RETAINED       %  NAME
    1  module       100 B   8.2 KiB  100.0%  app
    2  dict         200 B   8.1 KiB   98.8%  
    3  dict         300 B   7.3 KiB   89.7%  
  100  app.Session  100 B     600 B    7.2%  

Leak suspects (retaining at least 5% of the reachable heap):
  1. dict 2 retains 8.1 KiB (98.8%)
     made of bytes 6.2 KiB (13), app.Session 1.2 KiB (12), dict 500 B (2)
     path from a root:
       module app 1
       --__dict__--> dict 2
  2. cache: dict 3 retains 7.3 KiB (89.7%)
     holds 12 objects of type app.Session retaining 7.0 KiB
     made of bytes 5.9 KiB (12), app.Session 1.2 KiB (12), dict 300 B (1)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'cache'--> dict 3
Under the threshold, the strongest accumulation points:
  3. payload: bytes 6 retains 400 B (4.8%)
     made of bytes 400 B (1)
     path from a root:
       module app 1
       --__dict__--> dict 2
       --'view'--> app.View 10
       --payload--> bytes 6

Cycles: 3, 5 objects, 340 B; 2 garbage; by shape:
  SHAPE             CYCLES  OBJECTS  BYTES  GARBAGE
  {app.Node, dict}       1        2  150 B        1
  {app.Node ×2}          1        2  100 B        0
  {list}                 1        1   90 B        1

Garbage (unreachable from the roots): 4 objects, 268 B; 3 tracked; 3 in 2 cycles
