# show (testdata/v8/wide.heapsnapshot, tests/tools/make_wide_snapshot.py): element 4194303, an index of 7 digits
args: show testdata/v8/wide.heapsnapshot 5997
exit: 0
--- stdout
object  5997 (0x176d)
type    Thing
size    10 B
distance 1
defined at    script 3:2999:7
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE       ID  TYPE         SIZE  NAME
  [4194303]   1  (synthetic)   0 B  
