# chains to the two largest bytes objects share their prefix
args: graph --chain type:bytes --limit 2 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o200 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 200"];
  o201 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 201"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.825", tooltip="id 100"];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,0.65", tooltip="id 3"];
  o2 [label="dict\n200 B · 8.1 KiB retained", fillcolor="0,0,0.475", fontcolor=white, tooltip="id 2"];
  o1 [label="module\napp\n100 B · 8.2 KiB retained", fillcolor="0.3,0.45,0.3", fontcolor=white, tooltip="id 1"];
  o101 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.825", tooltip="id 101"];
  o100 -> o200 [label="data"];
  o3 -> o100 [label="'user0'"];
  o2 -> o3 [label="'cache'"];
  o1 -> o2 [label="__dict__"];
  o101 -> o201 [label="data"];
  o3 -> o101 [label="'user1'"];
}
