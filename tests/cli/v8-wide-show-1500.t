# show (testdata/v8/wide.heapsnapshot, tests/tools/make_wide_snapshot.py): element 1500, a location listed twice (the first wins), sorted in two passes
args: show testdata/v8/wide.heapsnapshot 3001
exit: 0
--- stdout
object  3001 (0xbb9)
type    Thing
size    10 B
distance 1
defined at    script 0:1501:5
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE    ID  TYPE         SIZE  NAME
  [1500]   1  (synthetic)   0 B  
