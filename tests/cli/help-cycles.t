# 
args: cycles --help
exit: 0
--- stdout
usage: memscope cycles [options] DUMP

List reference cycles over strong references: groups of objects that
all reach each other (or one object referencing itself), largest first,
with size, bytes, status (reachable or garbage) and shape (member types).
Rows: cycle size bytes status shape.

Options:
      --members         one row per member: cycle id type size
      --min-size N      only cycles of at least N objects
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
