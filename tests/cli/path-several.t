# paths to several objects, one garbage: the others printed, exit 1
args: path testdata/leak.jsonl 205 40 6
exit: 1
--- stdout
Shortest retaining path to bytes (4 hops from a root; roots: listed by the dump):
  DEPTH   ID  TYPE         EDGE      NAME
      0    1  module                 app
      1    2  dict         __dict__  
      2    3  dict         'cache'   
      3  105  app.Session  'user5'   
      4  205  bytes        data      

Shortest retaining path to bytes (3 hops from a root; roots: listed by the dump):
  DEPTH  ID  TYPE      EDGE      NAME
      0   1  module              app
      1   2  dict      __dict__  
      2  10  app.View  'view'    
      3   6  bytes     payload   
--- stderr
memscope: testdata/leak.jsonl: object 40 is unreachable from the roots (garbage): no retaining path
