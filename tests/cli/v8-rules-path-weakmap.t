# V8: a WeakMap value's retaining path comes through its key, not the table
args: path testdata/v8/rules.heapsnapshot 21
exit: 0
--- stdout
Shortest retaining path to Val (3 hops from a root; roots: listed by the dump):
  DEPTH  ID  TYPE         EDGE                                                                      NAME
      0   1  (synthetic)                                                                            
      1   3  Window       window                                                                    
      2  19  Key          key                                                                       
      3  21  Val          1 / part of key (Key @19) -> value (Val @21) pair in WeakMap (table @17)  
