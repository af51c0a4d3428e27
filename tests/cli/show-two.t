# two ids: one load, the tables one after another, a blank line between
args: show testdata/leak.jsonl 205 0x64
exit: 0
--- stdout
object  205 (0xcd)
type    bytes
size    500 B
gc      untracked
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE   ID  TYPE          SIZE  NAME
  data  105  app.Session  100 B  

object  100 (0x64)
type    app.Session
size    100 B
gc      tracked
root    no (rule: listed by the dump)

references (1):
  EDGE   ID  TYPE    SIZE  NAME
  data  200  bytes  500 B  

referrers (1):
  EDGE     ID  TYPE   SIZE  NAME
  'user0'   3  dict  300 B  
