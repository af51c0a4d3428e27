# an object with no site in a dump that has them
args: show testdata/v8/alloc.heapsnapshot 3
exit: 0
--- stdout
object  3 (0x3)
type    Global
size    40 B
distance 1
allocated at  unknown (no site recorded)
root    no (rule: listed by the dump)

references (2):
  EDGE   ID  TYPE   SIZE  NAME
  cache   5  Map   100 B  
  tmp    11  Temp   50 B  

referrers (1):
  EDGE  ID  TYPE         SIZE  NAME
  [1]    1  (synthetic)   0 B  
