# help of the new commands
args: dominators --help
exit: 0
--- stdout
usage: memscope dominators [options] DUMP

Print the dominator tree: each object under the object it cannot outlive
(its immediate dominator), children by retained size, largest first.
Rows: id type size retained idom depth; idom is 'root' for objects
dominated only by the virtual root above the roots.

Options:
      --root OBJ        the subtree under OBJ (decimal or 0x-hex id)
      --depth N         N levels (default 8 in the table, all in TSV and JSON;
                        0 = no limit)
      --min-retained B  leave out objects retaining less than B bytes
                        (K, M, G suffixes; default 1% of the reachable heap
                        in the table, none in TSV and JSON)
      --all             every reachable object (no depth or size limit)
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
