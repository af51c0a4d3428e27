# analyze --help
args: analyze --help
exit: 0
--- stdout
usage: memscope analyze [options] DUMP

Summarize a heap dump: objects, references, bytes, dangling references,
roots (and the rule that found them) and the type histogram.
DUMP is a file, or - for standard input.

Options:
      --top N           show the N largest types (default 20, 0 = all)
      --sort KEY        order types by bytes (default) or count
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default) or native
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
