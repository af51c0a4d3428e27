# show names (GC roots) and its references' names
args: show testdata/v8/dom.heapsnapshot 3
exit: 0
--- stdout
object  3 (0x3)
type    (synthetic)
size    0 B
name    (GC roots)
distance 1
root    no (rule: listed by the dump)

references (1):
  EDGE  ID  TYPE         SIZE  NAME
  [1]    5  (synthetic)   0 B  (Global handles)

referrers (1):
  EDGE  ID  TYPE         SIZE  NAME
  [1]    1  (synthetic)   0 B  
