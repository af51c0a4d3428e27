# the table view keeps 20 rows and says how many it left out
args: analyze testdata/wide/after.jsonl
exit: 0
--- stdout
testdata/wide/after.jsonl
  meta        CPython, pid 4343
  objects     497
  references  496
  bytes       159.0 KiB (162,836)
  dangling    0
  roots       1 (listed by the dump)
  reachable   497 objects, 159.0 KiB
  baseline    4.0 KiB of it (2.5%): the runtime's own, never a suspect

Types by shallow bytes (top 20 of 32):
  TYPE         COUNT     BYTES  % HEAP   RETAINED
  app.Class29     31  14.5 KiB    9.1%   14.5 KiB
  app.Class28     30  13.6 KiB    8.5%   13.6 KiB
  app.Class27     29  12.7 KiB    8.0%   12.7 KiB
  app.Class26     28  11.8 KiB    7.4%   11.8 KiB
  app.Class25     27  11.0 KiB    6.9%   11.0 KiB
  app.Class24     26  10.2 KiB    6.4%   10.2 KiB
  app.Class23     25   9.4 KiB    5.9%    9.4 KiB
  app.Class22     24   8.6 KiB    5.4%    8.6 KiB
  app.Class21     23   7.9 KiB    5.0%    7.9 KiB
  app.Class20     22   7.2 KiB    4.5%    7.2 KiB
  app.Class19     21   6.6 KiB    4.1%    6.6 KiB
  app.Class18     20   5.9 KiB    3.7%    5.9 KiB
  app.Class17     19   5.3 KiB    3.4%    5.3 KiB
  app.Class16     18   4.8 KiB    3.0%    4.8 KiB
  app.Class15     17   4.2 KiB    2.7%    4.2 KiB
  list             1   3.9 KiB    2.5%  158.9 KiB
  app.Class14     16   3.8 KiB    2.4%    3.8 KiB
  app.Class13     15   3.3 KiB    2.1%    3.3 KiB
  app.Class12     14   2.8 KiB    1.8%    2.8 KiB
  app.Class11     13   2.4 KiB    1.5%    2.4 KiB

Largest retainers:
     ID  TYPE            SIZE   RETAINED       %  NAME
      1  module         100 B  159.0 KiB  100.0%  app
      2  list         3.9 KiB  158.9 KiB   99.9%  
  30000  app.Class29    480 B      480 B    0.3%  
  30001  app.Class29    480 B      480 B    0.3%  
  30002  app.Class29    480 B      480 B    0.3%  
  30003  app.Class29    480 B      480 B    0.3%  
  30004  app.Class29    480 B      480 B    0.3%  
  30005  app.Class29    480 B      480 B    0.3%  
  30006  app.Class29    480 B      480 B    0.3%  
  30007  app.Class29    480 B      480 B    0.3%  
  30008  app.Class29    480 B      480 B    0.3%  
  30009  app.Class29    480 B      480 B    0.3%  
  30010  app.Class29    480 B      480 B    0.3%  
  30011  app.Class29    480 B      480 B    0.3%  
  30012  app.Class29    480 B      480 B    0.3%  
  30013  app.Class29    480 B      480 B    0.3%  
  30014  app.Class29    480 B      480 B    0.3%  
  30015  app.Class29    480 B      480 B    0.3%  
  30016  app.Class29    480 B      480 B    0.3%  
  30017  app.Class29    480 B      480 B    0.3%  

Leak suspects (retaining at least 10% of the reachable heap):
  none

Sites by retained bytes (where the objects were allocated):
  SITE       COUNT     BYTES  RETAINED  TOP TYPE
  app.py:39     31  14.5 KiB  14.5 KiB  app.Class29
  app.py:38     30  13.6 KiB  13.6 KiB  app.Class28
  app.py:37     29  12.7 KiB  12.7 KiB  app.Class27
  app.py:36     28  11.8 KiB  11.8 KiB  app.Class26
  app.py:35     27  11.0 KiB  11.0 KiB  app.Class25
  app.py:34     26  10.2 KiB  10.2 KiB  app.Class24
  app.py:33     25   9.4 KiB   9.4 KiB  app.Class23
  app.py:32     24   8.6 KiB   8.6 KiB  app.Class22
  app.py:31     23   7.9 KiB   7.9 KiB  app.Class21
  app.py:30     22   7.2 KiB   7.2 KiB  app.Class20
  app.py:29     21   6.6 KiB   6.6 KiB  app.Class19
  app.py:28     20   5.9 KiB   5.9 KiB  app.Class18
  app.py:27     19   5.3 KiB   5.3 KiB  app.Class17
  app.py:26     18   4.8 KiB   4.8 KiB  app.Class16
  app.py:25     17   4.2 KiB   4.2 KiB  app.Class15
  app.py:24     16   3.8 KiB   3.8 KiB  app.Class14
  app.py:23     15   3.3 KiB   3.3 KiB  app.Class13
  app.py:22     14   2.8 KiB   2.8 KiB  app.Class12
  app.py:21     13   2.4 KiB   2.4 KiB  app.Class11
  app.py:20     12   2.1 KiB   2.1 KiB  app.Class10
  (top 20 of 30 sites)
  2 objects (4.0 KiB) have no allocation site

Cycles: none

Garbage (unreachable from the roots): none
