# Meliae's line format (address, value, len)
args: analyze testdata/meliae.jsonl
exit: 0
--- stdout
testdata/meliae.jsonl
  objects     8
  references  10
  bytes       1.4 KiB (1,388)
  dangling    0
  roots       1 (objects nothing references)
  reachable   8 objects, 1.4 KiB

Types by shallow bytes:
  TYPE    COUNT    BYTES  % HEAP  RETAINED
  dict        1  1.0 KiB   75.5%   1.3 KiB
  list        1    104 B    7.5%     201 B
  str         3     92 B    6.6%      92 B
  tuple       1     64 B    4.6%      64 B
  module      1     56 B    4.0%   1.4 KiB
  int         1     24 B    1.7%      24 B

Largest retainers:
         ID  TYPE       SIZE  RETAINED       %  NAME
  140234872  module     56 B   1.4 KiB  100.0%  __main__
  140234944  dict    1.0 KiB   1.3 KiB   96.0%  
  140235088  list      104 B     201 B   14.5%  
  140235376  tuple      64 B      64 B    4.6%  
  140235304  str        33 B      33 B    2.4%  repeated
  140235160  str        30 B      30 B    2.2%  count
  140235016  str        29 B      29 B    2.1%  data
  140235232  int        24 B      24 B    1.7%  3

Leak suspects (retaining at least 10% of the reachable heap):
  1. dict 140234944 retains 1.3 KiB (96.0%)
     holds 2 objects of type str retaining 59 B
     made of dict 1.0 KiB (1), list 104 B (1), str 92 B (3)
     path from a root:
       module __main__ 140234872
       --> dict 140234944
  2. list 140235088 retains 201 B (14.5%)
     made of list 104 B (1), tuple 64 B (1), str 33 B (1)
     path from a root:
       module __main__ 140234872
       --> dict 140234944
       --> list 140235088
Under the threshold, the strongest accumulation points:
  3. tuple 140235376 retains 64 B (4.6%)
     made of tuple 64 B (1)
     path from a root:
       module __main__ 140234872
       --> dict 140234944
       --> list 140235088
       --> tuple 140235376

Cycles: none

Garbage (unreachable from the roots): none
