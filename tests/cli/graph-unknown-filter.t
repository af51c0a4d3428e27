# --filter on a type the dump lacks warns and draws only the start
args: graph --refs 4 --max-depth 1 --filter nosuch testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o4 [label="app.Node\n50 B · 100 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 4"];
}
--- stderr
memscope: warning: testdata/leak.jsonl: --filter nosuch: no object of that type
