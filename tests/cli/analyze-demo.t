# the bundled demo: refcount root rule, default top 20
args: analyze testdata/demo.jsonl
exit: 0
--- stdout
testdata/demo.jsonl
  meta        CPython 3.11.2, pid 4242, 2026-11-21T10:00:00Z
  objects     4,883
  references  5,260
  bytes       1.8 MiB (1,850,196)
  dangling    0
  roots       4 (rc above references, CPython's gc rule)
  reachable   4,713 objects, 1.7 MiB
  baseline    4.8 KiB of it (0.3%): the runtime's own, never a suspect

Types by shallow bytes:
  TYPE              COUNT      BYTES  % HEAP   RETAINED
  bytes               300    1.1 MiB   62.8%    1.1 MiB
  dict                783  359.0 KiB   19.9%    1.7 MiB
  str               1,903  121.5 KiB    6.7%  121.5 KiB
  bytearray           100  105.6 KiB    5.8%  105.6 KiB
  int                 600   16.4 KiB    0.9%   16.4 KiB
  app.Response        300   16.4 KiB    0.9%    1.5 MiB
  tuple               300   16.4 KiB    0.9%   31.6 KiB
  function            100   14.8 KiB    0.8%  192.6 KiB
  float               300    7.0 KiB    0.4%    7.0 KiB
  app.Node             80    4.4 KiB    0.2%        0 B
  cell                100    3.9 KiB    0.2%  177.7 KiB
  list                 12    3.9 KiB    0.2%  227.4 KiB
  type                  3    3.1 KiB    0.2%    3.1 KiB
  module                1       72 B    0.0%    1.7 MiB
  app.EventEmitter      1       56 B    0.0%  193.7 KiB

Largest retainers:
               ID  TYPE                  SIZE   RETAINED      %  NAME
  139888628334608  module                72 B    1.7 MiB  99.8%  app
  139888628334688  dict               4.6 KiB    1.7 MiB  99.8%  
  139888628334752  dict              18.0 KiB    1.5 MiB  86.8%  
  139888628596928  app.EventEmitter      56 B  193.7 KiB  10.9%  
  139888628596992  dict                 232 B  193.6 KiB  10.9%  
  139888628597072  list                 856 B  193.4 KiB  10.8%  
  139888628637360  list               2.4 KiB   34.0 KiB   1.9%  
  139888628403872  app.Response          56 B    7.2 KiB   0.4%  
  139888628382992  app.Response          56 B    7.2 KiB   0.4%  
  139888628572992  app.Response          56 B    7.2 KiB   0.4%  
  139888628443504  app.Response          56 B    7.2 KiB   0.4%  
  139888628402176  app.Response          56 B    7.2 KiB   0.4%  
  139888628532896  app.Response          56 B    7.2 KiB   0.4%  
  139888628396160  app.Response          56 B    7.2 KiB   0.4%  
  139888628403936  dict                 232 B    7.1 KiB   0.4%  
  139888628383088  dict                 232 B    7.1 KiB   0.4%  
  139888628519248  app.Response          56 B    7.1 KiB   0.4%  
  139888628573088  dict                 232 B    7.1 KiB   0.4%  
  139888628443600  dict                 232 B    7.1 KiB   0.4%  
  139888628402240  dict                 232 B    7.1 KiB   0.4%  

Leak suspects (retaining at least 10% of the reachable heap):
  1. _cache: dict 139888628334752 retains 1.5 MiB (86.8%)
     holds 300 objects of type app.Response retaining 1.5 MiB
     made of bytes 1.1 MiB (300), dict 273.5 KiB (601), str 115.5 KiB (1,800)
     path from a root:
       module app 139888628334608
       --__dict__--> dict 139888628334688
       --'_cache'--> dict 139888628334752
  2. listeners: list 139888628597072 retains 193.4 KiB (10.8%)
     holds 100 objects of type function retaining 192.6 KiB
     made of bytearray 105.6 KiB (100), dict 62.5 KiB (100), function 14.8 KiB (100)
     path from a root:
       module app 139888628334608
       --__dict__--> dict 139888628334688
       --'events'--> app.EventEmitter 139888628596928
       --__dict__--> dict 139888628596992
       --'listeners'--> list 139888628597072
Under the threshold, the strongest accumulation points:
  3. results: list 139888628637360 retains 34.0 KiB (1.9%)
     holds 300 objects of type tuple retaining 31.6 KiB
     made of tuple 16.4 KiB (300), int 8.2 KiB (300), float 7.0 KiB (300)
     path from a root:
       module app 139888628334608
       --__dict__--> dict 139888628334688
       --'results'--> list 139888628637360

Cycles: 50, 170 objects, 23.1 KiB; 50 garbage; by shape:
  SHAPE                   CYCLES  OBJECTS     BYTES  GARBAGE
  {app.Node ×2, dict ×2}      40      160  22.5 KiB       40
  {list}                      10       10     640 B       10

Garbage (unreachable from the roots): 170 objects, 23.1 KiB; 170 tracked; 170 in 50 cycles
