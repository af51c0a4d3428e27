# show (testdata/v8/wide.heapsnapshot, tests/tools/make_wide_snapshot.py): element 4194304 (2^22)
args: show testdata/v8/wide.heapsnapshot 5999
exit: 0
--- stdout
object  5999 (0x176f)
type    Thing
size    10 B
distance 1
defined at    script 4:3000:8
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE       ID  TYPE         SIZE  NAME
  [4194304]   1  (synthetic)   0 B  
