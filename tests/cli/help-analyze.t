# analyze --help
args: analyze --help
exit: 0
--- stdout
usage: memscope analyze [options] DUMP

Summarize a heap dump: objects, references, bytes, dangling references,
roots (and the rule that found them), the type histogram with retained
sizes, the largest retainers, leak suspects with their retaining paths,
reference cycles by shape, garbage, and allocation sites when the dump
has them. DUMP is a file, or - for standard input. TSV output is the
type table.

Options:
      --top N           rows of each list: types, retainers, cycle shapes
                        (default 20 in the table, all in TSV and JSON;
                        0 = all)
      --sort KEY        order types by bytes (default), count or retained
      --threshold PCT   leak suspects retain at least PCT% of the reachable
                        heap (default 10)
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
