# Meliae's line format (address, value, len)
args: analyze testdata/meliae.jsonl
exit: 0
--- stdout
testdata/meliae.jsonl
  objects     8
  references  10
  bytes       1.4 KiB (1,388)
  dangling    0
  roots       1 (objects nothing references)

Types by shallow bytes:
  TYPE    COUNT    BYTES  % HEAP
  dict        1  1.0 KiB   75.5%
  list        1    104 B    7.5%
  str         3     92 B    6.6%
  tuple       1     64 B    4.6%
  module      1     56 B    4.0%
  int         1     24 B    1.7%
