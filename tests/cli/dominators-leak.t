# the dominator tree of a hand-made cache leak: default limits (1% and 8 levels)
args: dominators testdata/leak.jsonl
exit: 0
--- stdout
Dominator tree: 31 reachable objects retaining 8.2 KiB (roots: listed by the dump)
  RETAINED       %   SIZE   ID  OBJECT
   8.2 KiB  100.0%  100 B    1  module app
   8.1 KiB   98.8%  200 B    2    dict
   7.3 KiB   89.7%  300 B    3      dict
     600 B    7.2%  100 B  100        app.Session
     500 B    6.0%  500 B  200          bytes
     600 B    7.2%  100 B  101        app.Session
     500 B    6.0%  500 B  201          bytes
     600 B    7.2%  100 B  102        app.Session
     500 B    6.0%  500 B  202          bytes
     600 B    7.2%  100 B  103        app.Session
     500 B    6.0%  500 B  203          bytes
     600 B    7.2%  100 B  104        app.Session
     500 B    6.0%  500 B  204          bytes
     600 B    7.2%  100 B  105        app.Session
     500 B    6.0%  500 B  205          bytes
     600 B    7.2%  100 B  106        app.Session
     500 B    6.0%  500 B  206          bytes
     600 B    7.2%  100 B  107        app.Session
     500 B    6.0%  500 B  207          bytes
     600 B    7.2%  100 B  108        app.Session
     500 B    6.0%  500 B  208          bytes
     600 B    7.2%  100 B  109        app.Session
     500 B    6.0%  500 B  209          bytes
     600 B    7.2%  100 B  110        app.Session
     500 B    6.0%  500 B  210          bytes
     600 B    7.2%  100 B  111        app.Session
     500 B    6.0%  500 B  211          bytes
     400 B    4.8%  400 B    6      bytes
     100 B    1.2%   50 B    4      app.Node
  (2 subtrees left out by --depth or --min-retained; --all shows every object)
