# a string object: value with escapes decoded
args: show testdata/small.jsonl 16
exit: 0
--- stdout
object  16 (0x10)
type    str
size    55 B
value   héllo 😀 tab\there
root    no (rule: listed by the dump)

references (0)

referrers (2):
  EDGE        ID  TYPE   SIZE  NAME
  'greeting'   2  dict  232 B  
  [0]          3  list   88 B  
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
