# --max-nodes caps the diagram with a visible note and a note on stderr
args: graph --refs 3 --max-nodes 4 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica", label="diagram capped at 4 objects (--max-nodes): 12 more not drawn", labelloc=t, fontcolor=red];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 3"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.766667", tooltip="id 100"];
  o101 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.766667", tooltip="id 101"];
  o102 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.766667", tooltip="id 102"];
  o3 -> o100 [label="'user0'"];
  o3 -> o101 [label="'user1'"];
  o3 -> o102 [label="'user2'"];
}
--- stderr
memscope: note: diagram capped at 4 objects (--max-nodes): 12 more not drawn
