# memscope report --help
args: report --help
exit: 0
--- stdout
usage: memscope report [options] DUMP [AFTER [FINAL]] -o FILE.html

Write one self-contained HTML page about a dump: its totals, every type
in a table that sorts and filters, a treemap of the dominator tree (click
to zoom), the leak suspects with their paths and diagrams, cycles,
garbage, the detached DOM and allocation sites when the dump has them.
With two or three dumps, the page is about the last one and adds diff's
tables and leak clusters. The page fetches nothing: CSS, JS and diagrams
are inline, and it embeds the JSON of `analyze -f json` (id "data") and
of `diff -f json` (id "diff-data").

Options:
  -o, --output FILE     the page (required; - for standard output)
      --top N           rows of the embedded analysis lists (default 20)
      --sort KEY        order types by bytes (default), count or retained
      --threshold PCT   leak suspects retain at least PCT% of the reachable
                        heap (default 10)
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
