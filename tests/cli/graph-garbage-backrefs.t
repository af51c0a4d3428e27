# a garbage cycle: dotted boxes, bold red arrows
args: graph --backrefs 40 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o40 [label="app.Node\n70 B · garbage", fillcolor="0,0,1", fontcolor=red, style="filled,dotted", tooltip="id 40"];
  o41 [label="dict\n80 B · garbage", fillcolor="0,0,0.766667", style="filled,dotted", tooltip="id 41"];
  o41 -> o40 [label="'owner'", color=red, penwidth=2];
  o40 -> o41 [label="next", color=red, penwidth=2];
}
