# 
args: path --help
exit: 0
--- stdout
usage: memscope path [options] DUMP OBJ...

Print the shortest chain of strong references from a root to OBJ (a
decimal or 0x-hex id, or type:NAME for the object of type NAME nearest
a root), one hop per line with the name of the edge followed. Rows:
depth id type edge. Exits with 1 if OBJ is unreachable (garbage).
Several OBJs, or - for OBJs on standard input (one a line), are answered
from one load: tables one after another, TSV with an obj column first, a
JSON array (null where there is no path); exit 5 if any was not found,
else 1 if any was garbage.

Options:
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
