# --help of graph
args: graph --help
exit: 0
--- stdout
usage: memscope graph (--backrefs|--refs|--chain|--dominators) [options] OBJ... DUMP

Draw a reference diagram around the objects OBJ (a decimal or 0x-hex id,
or type:NAME for the --limit objects of type NAME retaining most), the way
objgraph does, with retained sizes, cycles and garbage drawn in. An OBJ -
reads more OBJs from standard input, one a line. Writes Graphviz DOT to
stdout, or renders it in process with libgvc (-o, -T).

Diagrams (one of):
      --backrefs[=OBJ]  who refers to OBJ, breadth first (objgraph show_backrefs)
      --refs[=OBJ]      what OBJ refers to (objgraph show_refs)
      --chain[=OBJ]     the shortest retaining path from a root to OBJ
      --dominators[=OBJ]  the dominator subtree under OBJ, largest first

Options:
      --max-depth N     levels drawn beyond the start objects (default 3)
      --too-many N      neighbours drawn per object; the rest in a red box
                        (default 10)
      --max-nodes N     objects drawn at most, with a note when reached
                        (default 300)
      --limit N         objects taken for each type:NAME (default 10; 0 = all)
      --filter TYPE     draw only neighbours of type TYPE (repeatable)
      --ignore TYPE     leave out neighbours of type TYPE (repeatable)
      --highlight TYPE  fill objects of type TYPE blue (repeatable)
      --sites           label objects with their allocation site (the
                        innermost frame), when the dump has sites
  -o, --output FILE     write to FILE, format by extension (.dot, .gv, .svg,
                        .png, .pdf, ...)
  -T FORMAT             output format (dot, svg, png, pdf, ...: any libgvc knows)
      --layout ENGINE   dot (default), neato, fdp, sfdp, circo, twopi, ...
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress or notes on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help
