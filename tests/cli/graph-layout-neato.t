# --layout is named in the DOT
args: graph --refs 4 --layout neato --max-depth 1 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica", layout="neato"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o4 [label="app.Node\n50 B · 100 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 4"];
  o5 [label="app.Node\n50 B · 50 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 5"];
  o4 -> o5 [label="next", color=red, penwidth=2];
}
