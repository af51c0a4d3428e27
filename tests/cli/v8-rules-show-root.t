# V8: the root shows the orphan and clique nodes attached under it
args: show testdata/v8/rules.heapsnapshot 1
exit: 0
--- stdout
object  1 (0x1)
type    (synthetic)
size    0 B
distance 100000000
root    yes (rule: listed by the dump)

references (5):
  EDGE      ID  TYPE          SIZE  NAME
  window     3  Window       100 B  
  [1]        5  (synthetic)    0 B  (GC roots)
  (orphan)  15  Orphan        50 B  
  (orphan)  25  CliqueA        5 B  
  (orphan)  27  CliqueB        6 B  

referrers (0)
