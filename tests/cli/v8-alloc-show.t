# show: the allocation stack, innermost first
args: show testdata/v8/alloc.heapsnapshot 13
exit: 0
--- stdout
object  13 (0xd)
type    Buffer
size    300 B
distance 4
allocated at  (anonymous) (app.js:20:5)
          <-  makeCache (app.js:10:20)
          <-  main (app.js:1:1)
defined at    app.js:20:5
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE  ID  TYPE    SIZE  NAME
  data   7  Entry  200 B  
