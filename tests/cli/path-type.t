# type:NAME: the path to the object of that type nearest a root
args: path testdata/leak.jsonl type:app.Session
exit: 0
--- stdout
Shortest retaining path to app.Session (3 hops from a root; roots: listed by the dump):
  DEPTH   ID  TYPE         EDGE      NAME
      0    1  module                 app
      1    2  dict         __dict__  
      2    3  dict         'cache'   
      3  100  app.Session  'user0'   
