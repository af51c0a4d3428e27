# V8: analyze by constructor
args: analyze testdata/v8/rules.heapsnapshot
exit: 0
--- stdout
testdata/v8/rules.heapsnapshot
  meta        V8
  objects     18
  references  24
  bytes       739 B
  dangling    0
  roots       1 (listed by the dump)
  reachable   18 objects, 739 B
  baseline    12 B of it (1.6%): the runtime's own, never a suspect

Types by shallow bytes:
  TYPE                      COUNT  BYTES  % HEAP  RETAINED
  Cache                         1  240 B   32.5%     240 B
  Window                        1  100 B   13.5%     662 B
  Detached <div>                1   80 B   10.8%      88 B
  WeakMap                       1   80 B   10.8%      80 B
  Val                           1   70 B    9.5%      70 B
  Orphan                        1   50 B    6.8%      66 B
  Function                      1   32 B    4.3%      44 B
  Shared                        1   30 B    4.1%      30 B
  (string)                      1   16 B    2.2%      16 B
  (compiled code)               1   12 B    1.6%      12 B
  Key                           1   10 B    1.4%      80 B
  Detached HTMLSpanElement      1    8 B    1.1%       8 B
  CliqueB                       1    6 B    0.8%       6 B
  CliqueA                       1    5 B    0.7%       5 B
  (array)                       2    0 B    0.0%       0 B
  (synthetic)                   2    0 B    0.0%     739 B

Largest retainers:
  ID  TYPE                       SIZE  RETAINED       %  NAME
   1  (synthetic)                 0 B     739 B  100.0%  
   3  Window                    100 B     662 B   89.6%  
   7  Cache                     240 B     240 B   32.5%  
  29  Detached <div>             80 B      88 B   11.9%  Detached <div id=app>
   9  WeakMap                    80 B      80 B   10.8%  
  19  Key                        10 B      80 B   10.8%  
  21  Val                        70 B      70 B    9.5%  
  15  Orphan                     50 B      66 B    8.9%  
  33  Function                   32 B      44 B    6.0%  handler
  11  Shared                     30 B      30 B    4.1%  
  23  (string)                   16 B      16 B    2.2%  hello
  35  (compiled code)            12 B      12 B    1.6%  
  31  Detached HTMLSpanElement    8 B       8 B    1.1%  
  27  CliqueB                     6 B       6 B    0.8%  
  25  CliqueA                     5 B       5 B    0.7%  
   5  (synthetic)                 0 B       0 B    0.0%  (GC roots)
  13  (array)                     0 B       0 B    0.0%  (object elements)
  17  (array)                     0 B       0 B    0.0%  (WeakMap table)

Leak suspects (retaining at least 10% of the reachable heap):
  1. cache: Cache 7 retains 240 B (32.5%)
     made of Cache 240 B (1), (array) 0 B (1)
     path from a root:
       (synthetic) 1
       --window--> Window 3
       --cache--> Cache 7
  2. dom: Detached <div> Detached <div id=app> 29 retains 88 B (11.9%)
     made of Detached <div> 80 B (1), Detached HTMLSpanElement 8 B (1)
     path from a root:
       (synthetic) 1
       --window--> Window 3
       --dom--> Detached <div> Detached <div id=app> 29
  3. wm: WeakMap 9 retains 80 B (10.8%)
     made of WeakMap 80 B (1), (array) 0 B (1)
     path from a root:
       (synthetic) 1
       --window--> Window 3
       --wm--> WeakMap 9
  4. key: Key 19 retains 80 B (10.8%)
     made of Val 70 B (1), Key 10 B (1)
     path from a root:
       (synthetic) 1
       --window--> Window 3
       --key--> Key 19

Cycles and garbage: not findings here: this runtime's collector frees unreachable cycles (memscope cycles lists them)
