# the bundled demo: refcount root rule, default top 20
args: analyze testdata/demo.jsonl
exit: 0
--- stdout
testdata/demo.jsonl
  meta        CPython 3.11.2, pid 4242, 2026-11-21T10:00:00Z
  objects     4,883
  references  5,260
  bytes       1.8 MiB (1,850,196)
  dangling    0
  roots       4 (rc above references from tracked objects)

Types by shallow bytes:
  TYPE              COUNT      BYTES  % HEAP
  bytes               300    1.1 MiB   62.8%
  dict                783  359.0 KiB   19.9%
  str               1,903  121.5 KiB    6.7%
  bytearray           100  105.6 KiB    5.8%
  int                 600   16.4 KiB    0.9%
  app.Response        300   16.4 KiB    0.9%
  tuple               300   16.4 KiB    0.9%
  function            100   14.8 KiB    0.8%
  float               300    7.0 KiB    0.4%
  app.Node             80    4.4 KiB    0.2%
  cell                100    3.9 KiB    0.2%
  list                 12    3.9 KiB    0.2%
  type                  3    3.1 KiB    0.2%
  module                1       72 B    0.0%
  app.EventEmitter      1       56 B    0.0%
