# gzip on standard input is recognised by its magic too
args: analyze --top 5 -
stdin: testdata/leaky-heap.jsonl.gz
exit: 0
--- stdout
<stdin>
  meta        CPython 3.11.2, pid 10690, 2026-11-21T23:51:54Z
  objects     20,740
  references  54,222
  bytes       33.9 MiB (35,503,767)
  dangling    0
  roots       5,075 (rc above references, CPython's gc rule)
  reachable   20,649 objects, 33.9 MiB
  baseline    2.1 MiB of it (6.2%): the runtime's own, never a suspect

Types by shallow bytes (top 5 of 104):
  TYPE       COUNT      BYTES  % HEAP   RETAINED
  bytearray    500   31.3 MiB   92.4%   31.3 MiB
  str        6,886  569.5 KiB    1.6%  568.4 KiB
  dict       1,738  432.3 KiB    1.2%   32.8 MiB
  code       1,077  390.0 KiB    1.1%  390.0 KiB
  type         456  358.6 KiB    1.0%  645.2 KiB

Largest retainers:
               ID  TYPE                  SIZE  RETAINED      %  NAME
  139856531908992  module                72 B  31.4 MiB  92.8%  __main__
  139856532075584  dict                 464 B  31.4 MiB  92.8%  
  139856531990672  __main__.EventBus     56 B  31.4 MiB  92.8%  
  139856530374976  dict                 296 B  31.4 MiB  92.8%  
  139856533414464  list               4.1 KiB  31.4 MiB  92.8%  

Leak suspects (retaining at least 10% of the reachable heap):
  1. listeners: list 139856533414464 retains 31.4 MiB (92.8%)
     holds 500 objects of type method retaining 31.4 MiB
     made of bytearray 31.3 MiB (500), dict 46.9 KiB (500), method 31.2 KiB (500)
     path from a root:
       module __main__ 139856531908992
       --__dict__--> dict 139856532075584
       --'bus'--> __main__.EventBus 139856531990672
       --__dict__--> dict 139856530374976
       --'listeners'--> list 139856533414464

Cycles: 160, 4,586 objects, 868.9 KiB; 15 garbage; by shape (top 5 of 19):
  SHAPE                                                                             CYCLES  OBJECTS      BYTES  GARBAGE
  {__main__.EventBus, __main__.Session ×500, _abc._abc_data ×55, _distutils_hack.…       1    3,999  693.0 KiB        0
  {tuple, type}                                                                        101      202   97.8 KiB        0
  {dict, getset_descriptor, tuple, type}                                                25      100   31.7 KiB        0
  {builtin_function_or_method, dict, member_descriptor ×5, method_descriptor, tup…       3       33    5.8 KiB        0
  {dict ×2, function ×17, getset_descriptor ×2, staticmethod ×2, tuple, type}            1       25    5.7 KiB        0

Garbage (unreachable from the roots): 91 objects, 8.0 KiB; 61 tracked; 61 in 15 cycles
