# garbage as a table and JSON
args: garbage testdata/leak.jsonl
exit: 0
--- stdout
Garbage: 4 objects, 268 B unreachable from the roots; 3 tracked; 3 in 2 cycles
  ID  TYPE      SIZE  TRACKED  CYCLE  FINALIZER
  40  app.Node  70 B        1      1          0
  41  dict      80 B        1      1          0
  42  list      90 B        1      3          0
  43  int       28 B        0                 0
