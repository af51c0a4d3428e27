# show: where the object was defined (V8 locations), a script no function info names
args: show testdata/v8/alloc.heapsnapshot 11
exit: 0
--- stdout
object  11 (0xb)
type    Temp
size    50 B
distance 2
allocated at  main (app.js:1:1)
defined at    script 9:1:1
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE  ID  TYPE    SIZE  NAME
  tmp    3  Global  40 B  
