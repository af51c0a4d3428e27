# allocation sites of a native dump: stacks in the header, a site per record
args: sites testdata/sites.jsonl
exit: 0
--- stdout
testdata/sites.jsonl
Objects by allocation site (by retained bytes):
  SITE       COUNT  BYTES  RETAINED  TOP TYPE
  app.py:13      1  200 B     200 B  dict
  app.py:12      1   80 B     160 B  list
  lib.py:5       2   80 B      80 B  Item
  1 objects (100 B) have no allocation site
