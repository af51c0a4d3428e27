# shortest path to a leaked object, with edge names
args: path testdata/leak.jsonl 205
exit: 0
--- stdout
Shortest retaining path to bytes (4 hops from a root; roots: listed by the dump):
  DEPTH   ID  TYPE         EDGE      NAME
      0    1  module                 app
      1    2  dict         __dict__  
      2    3  dict         'cache'   
      3  105  app.Session  'user5'   
      4  205  bytes        data      
