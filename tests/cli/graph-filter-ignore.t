# --filter keeps only dict neighbours
args: graph --refs 2 --filter dict --ignore app.View testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o2 [label="dict\n200 B · 8.1 KiB retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 2"];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,0.766667", tooltip="id 3"];
  o2 -> o3 [label="'cache'"];
}
