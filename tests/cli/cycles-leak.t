# cycles: a reachable pair, a garbage pair, a garbage self-loop; weak refs make none
args: cycles testdata/leak.jsonl
exit: 0
--- stdout
3 cycles: 5 objects, 340 B; 2 shown are garbage
  CYCLE  OBJECTS  BYTES  STATUS     SHAPE
      1        2  150 B  garbage    {app.Node, dict}
      2        2  100 B  reachable  {app.Node ×2}
      3        1   90 B  garbage    {list}
