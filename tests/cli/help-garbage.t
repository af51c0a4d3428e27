# 
args: garbage --help
exit: 0
--- stdout
usage: memscope garbage [options] DUMP

List the objects unreachable from the roots over strong references:
what a tracing or cycle collector would free. Rows: id type size tracked
cycle; tracked is 1 or 0 as the dump's "gc" says (empty if it does not),
cycle is the number `memscope cycles` gives the object's cycle (empty if
none).

Options:
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
