# totals, root rule and type table for a small dump with dangling refs, weak refs, big ids
args: analyze testdata/small.jsonl
exit: 0
--- stdout
testdata/small.jsonl
  meta        CPython 3.12.1, pid 7
  objects     6
  references  7
  bytes       531 B
  dangling    1
  roots       1 (listed by the dump)
  reachable   5 objects, 503 B
  baseline    304 B of it (60.4%): the runtime's own, never a suspect
              of which dict 2: 232 B (46.1%)

Types by shallow bytes:
  TYPE           COUNT  BYTES  % HEAP  RETAINED
  dict               1  232 B   43.7%     431 B
  list               1   88 B   16.6%     144 B
  module             1   72 B   13.6%     503 B
  __main__.Node      1   56 B   10.5%      56 B
  str                1   55 B   10.4%      55 B
  int                1   28 B    5.3%       0 B

Largest retainers:
                    ID  TYPE            SIZE  RETAINED       %  NAME
                     1  module          72 B     503 B  100.0%  __main__
                     2  dict           232 B     431 B   85.7%  
                     3  list            88 B     144 B   28.6%  
  18446744073709551615  __main__.Node   56 B      56 B   11.1%  
                    16  str             55 B      55 B   10.9%  héllo 😀 tab\there

Leak suspects (retaining at least 10% of the reachable heap):
  1. cache: list 3 retains 144 B (28.6%)
     made of list 88 B (1), __main__.Node 56 B (1)
     path from a root:
       module __main__ 1
       --__dict__--> dict 2
       --'cache'--> list 3
  2. cache: __main__.Node 18446744073709551615 retains 56 B (11.1%)
     made of __main__.Node 56 B (1)
     path from a root:
       module __main__ 1
       --__dict__--> dict 2
       --'cache'--> list 3
       --[1]--> __main__.Node 18446744073709551615
  3. greeting: str héllo 😀 tab\there 16 retains 55 B (10.9%)
     made of str 55 B (1)
     path from a root:
       module __main__ 1
       --__dict__--> dict 2
       --'greeting'--> str héllo 😀 tab\there 16

Cycles: 1, 1 objects, 56 B; 0 garbage; by shape:
  SHAPE            CYCLES  OBJECTS  BYTES  GARBAGE
  {__main__.Node}       1        1   56 B        0

Garbage (unreachable from the roots): 1 objects, 28 B; 0 tracked; 0 in 0 cycles
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
