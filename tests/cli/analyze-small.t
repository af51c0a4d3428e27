# totals, root rule and type table for a small dump with dangling refs, weak refs, big ids
args: analyze testdata/small.jsonl
exit: 0
--- stdout
testdata/small.jsonl
  meta        CPython 3.12.1, pid 7
  objects     6
  references  7
  bytes       531 B
  dangling    1
  roots       1 (listed by the dump)

Types by shallow bytes:
  TYPE           COUNT  BYTES  % HEAP
  dict               1  232 B   43.7%
  list               1   88 B   16.6%
  module             1   72 B   13.6%
  __main__.Node      1   56 B   10.5%
  str                1   55 B   10.4%
  int                1   28 B    5.3%
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
