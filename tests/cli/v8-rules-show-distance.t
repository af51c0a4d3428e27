# V8: DevTools' distance: the WeakMap value is one past the second of its two references (the table's, at 3), see tests/v8/RULES.md
args: show testdata/v8/rules.heapsnapshot 21
exit: 0
--- stdout
object  21 (0x15)
type    Val
size    70 B
distance 4
root    no (rule: listed by the dump)

references (0)

referrers (1):
  EDGE                                                                      ID  TYPE  SIZE  NAME
  1 / part of key (Key @19) -> value (Val @21) pair in WeakMap (table @17)  19  Key   10 B  
