# show --help
args: show -h
exit: 0
--- stdout
usage: memscope show [options] DUMP OBJ...

Show objects: id, type, size, name or value, len, rc, gc, references in
dump order and referrers. OBJ is a decimal or 0x-hex id, or - for ids on
standard input, one a line. Several objects: tables one after another, TSV
with an obj column first, a JSON array (null where not found); exit 5
after the others if any was not found.

Options:
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
