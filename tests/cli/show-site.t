# show: a native record's allocation stack
args: show testdata/sites.jsonl 3
exit: 0
--- stdout
object  3 (0x3)
type    Item
size    40 B
allocated at  lib.py:5
          <-  app.py:12
          <-  app.py:30
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE  ID  TYPE  SIZE  NAME
         2  list  80 B  
