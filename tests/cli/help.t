# memscope --help lists the commands
args: --help
exit: 0
--- stdout
usage: memscope [-q] [-v] COMMAND [options] DUMP [args]
       memscope --help | --version

Analyze a heap dump: what holds the memory, through which path.

Commands:
  analyze     summary: types, retainers, suspects, cycles, garbage
  show        one object, its references and referrers
  dominators  the dominator tree with retained sizes
  cycles      reference cycles, reachable or garbage
  garbage     objects unreachable from the roots
  path        the shortest retaining path from a root to an object
  graph       reference diagrams around objects (DOT, SVG, PNG, PDF)
  diff        what grew and what leaked between dumps, and over a series; a CI gate
  sites       objects by allocation site, with retained bytes
  report      one self-contained HTML page: types, treemap, suspects, diff
  index       write the dump's index, which later commands open at once

Every command takes --help; those that print tables, --format table|tsv|json.
See memscope(1) and memscope-format(5).
