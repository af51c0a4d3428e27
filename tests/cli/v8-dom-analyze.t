# A page: the Map and the panels' Array are suspects, not the holders above them; the detached DOM with its holder
args: analyze testdata/v8/dom.heapsnapshot
exit: 0
--- stdout
testdata/v8/dom.heapsnapshot
  meta        V8
  objects     16
  references  15
  bytes       1.6 KiB (1,646)
  dangling    0
  roots       1 (listed by the dump)
  reachable   16 objects, 1.6 KiB
  baseline    40 B of it (2.4%): the runtime's own, never a suspect

Types by shallow bytes:
  TYPE                                            COUNT  BYTES  % HEAP  RETAINED
  Entry                                               3  900 B   54.7%     900 B
  Detached <section>                                  2  200 B   12.2%     250 B
  (array)                                             1  200 B   12.2%   1.1 KiB
  HTMLDocument                                        1  120 B    7.3%     200 B
  <main>                                              1   80 B    4.9%      80 B
  Detached <td>                                       1   50 B    3.0%      50 B
  system / NativeContext / https://app.example/       1   40 B    2.4%   1.6 KiB
  Window [JSGlobalObject] / https://app.example/      1   24 B    1.5%   1.6 KiB
  Array                                               1   16 B    1.0%     266 B
  Map                                                 1   16 B    1.0%   1.1 KiB
  (synthetic)                                         3    0 B    0.0%   1.6 KiB

Largest retainers:
  ID  TYPE                                             SIZE  RETAINED       %  NAME
   1  (synthetic)                                       0 B   1.6 KiB  100.0%  
   3  (synthetic)                                       0 B   1.6 KiB  100.0%  (GC roots)
   5  (synthetic)                                       0 B   1.6 KiB  100.0%  (Global handles)
   7  system / NativeContext / https://app.example/    40 B   1.6 KiB  100.0%  
   9  Window [JSGlobalObject] / https://app.example/   24 B   1.6 KiB   97.6%  
  19  Map                                              16 B   1.1 KiB   67.8%  
  21  (array)                                         200 B   1.1 KiB   66.8%  
  23  Entry                                           300 B     300 B   18.2%  
  25  Entry                                           300 B     300 B   18.2%  
  27  Entry                                           300 B     300 B   18.2%  
  11  Array                                            16 B     266 B   16.2%  
  29  HTMLDocument                                    120 B     200 B   12.2%  
  13  Detached <section>                              100 B     150 B    9.1%  Detached <section class="panel">
  15  Detached <section>                              100 B     100 B    6.1%  Detached <section class="panel">
  31  <main>                                           80 B      80 B    4.9%  <main id=app>
  17  Detached <td>                                    50 B      50 B    3.0%  

Leak suspects (retaining at least 10% of the reachable heap):
  1. cache: Map 19 retains 1.1 KiB (67.8%)
     holds 3 objects of type Entry retaining 900 B
     made of Entry 900 B (3), (array) 200 B (1), Map 16 B (1)
     path from a root:
       (synthetic) 1
       --[1]--> (synthetic) (GC roots) 3
       --[1]--> (synthetic) (Global handles) 5
       --1--> system / NativeContext / https://app.example/ 7
       --global_object--> Window [JSGlobalObject] / https://app.example/ 9
       --cache--> Map 19
  2. panels: Array 11 retains 266 B (16.2%)
     holds 2 objects of type Detached <section> retaining 250 B
     made of Detached <section> 200 B (2), Detached <td> 50 B (1), Array 16 B (1)
     path from a root:
       (synthetic) 1
       --[1]--> (synthetic) (GC roots) 3
       --[1]--> (synthetic) (Global handles) 5
       --1--> system / NativeContext / https://app.example/ 7
       --global_object--> Window [JSGlobalObject] / https://app.example/ 9
       --panels--> Array 11
  3. document: HTMLDocument 29 retains 200 B (12.2%)
     made of HTMLDocument 120 B (1), <main> 80 B (1)
     path from a root:
       (synthetic) 1
       --[1]--> (synthetic) (GC roots) 3
       --[1]--> (synthetic) (Global handles) 5
       --1--> system / NativeContext / https://app.example/ 7
       --global_object--> Window [JSGlobalObject] / https://app.example/ 9
       --document--> HTMLDocument 29

Detached DOM (nodes outside any document, still reachable): 3 nodes, 250 B, retaining 250 B:
  TYPE                COUNT  BYTES  RETAINED
  Detached <section>      2  200 B     250 B
  Detached <td>           1   50 B       0 B
  held by:
  1. Array 11 holds 3 detached nodes, retains 266 B
     path from a root:
       (synthetic) 1
       --[1]--> (synthetic) (GC roots) 3
       --[1]--> (synthetic) (Global handles) 5
       --1--> system / NativeContext / https://app.example/ 7
       --global_object--> Window [JSGlobalObject] / https://app.example/ 9
       --panels--> Array 11

Cycles and garbage: not findings here: this runtime's collector frees unreachable cycles (memscope cycles lists them)
