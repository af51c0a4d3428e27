# one object with refs, weak refs, referrers
args: show testdata/small.jsonl 3
exit: 0
--- stdout
object  3 (0x3)
type    list
size    88 B
len     2
root    no (rule: listed by the dump)

references (2):
  EDGE                    ID  TYPE           SIZE  NAME
  [0]                     16  str            55 B  héllo 😀 tab\there
  [1]   18446744073709551615  __main__.Node  56 B  

weak references (1):
  EDGE  ID  TYPE   SIZE  NAME
         2  dict  232 B  

referrers (1):
  EDGE     ID  TYPE   SIZE  NAME
  'cache'   2  dict  232 B  
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
