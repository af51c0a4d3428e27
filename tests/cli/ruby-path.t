# Ruby: the path starts at the kind of root that holds it
args: path testdata/ruby/small.json 0x7f0000005040
exit: 0
--- stdout
Shortest retaining path to String (2 hops from a root; roots: listed by the dump):
  DEPTH               ID  TYPE     EDGE                NAME
      0  139637976735744  Array    (root: global_tbl)  
      1  139637976744000  Session                      
      2  139637976748096  String                       session-2 bb
