# memscope --help lists the commands
args: --help
exit: 0
--- stdout
usage: memscope [-q] [-v] COMMAND [options] DUMP [args]
       memscope --help | --version

Analyze a heap dump: what holds the memory, through which path.

Commands:
  analyze    summary: totals, roots, types
  show       one object, its references and referrers

Every command takes --format table|tsv|json and --help.
See memscope(1) and memscope-format(5).
