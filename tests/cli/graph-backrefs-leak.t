# backrefs of one bytes object in the cache: DOT with sizes, the weak arrow dashed
args: graph --backrefs 200 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o200 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 200"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.766667", tooltip="id 100"];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,0.533333", tooltip="id 3"];
  o2 [label="dict\n200 B · 8.1 KiB retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 2"];
  o10 [label="app.View\n60 B · 60 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 10"];
  o100 -> o200 [label="data"];
  o3 -> o100 [label="'user0'"];
  o2 -> o3 [label="'cache'"];
  o10 -> o3 [style=dashed];
}
