# --top and --sort count
args: analyze --top 3 --sort count testdata/demo.jsonl
exit: 0
--- stdout
testdata/demo.jsonl
  meta        CPython 3.11.2, pid 4242, 2026-11-21T10:00:00Z
  objects     4,883
  references  5,260
  bytes       1.8 MiB (1,850,196)
  dangling    0
  roots       4 (rc above references from tracked objects)

Types by count (top 3 of 15):
  TYPE  COUNT      BYTES  % HEAP
  str   1,903  121.5 KiB    6.7%
  dict    783  359.0 KiB   19.9%
  int     600   16.4 KiB    0.9%
