# --min-retained with a suffix leaves out small subtrees
args: dominators --min-retained 1K testdata/leak.jsonl
exit: 0
--- stdout
Dominator tree: 31 reachable objects retaining 8.2 KiB (roots: listed by the dump)
  RETAINED       %   SIZE  ID  OBJECT
   8.2 KiB  100.0%  100 B   1  module app
   8.1 KiB   98.8%  200 B   2    dict
   7.3 KiB   89.7%  300 B   3      dict
  (15 subtrees left out by --depth or --min-retained; --all shows every object)
