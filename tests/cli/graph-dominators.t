# dominator subtree of the cache: largest first, the rest with its retained bytes
args: graph --dominators 3 --too-many 3 --max-depth 1 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 3"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 100"];
  o101 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 101"];
  o102 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 102"];
  o3 -> o100 [label="'user0'"];
  o3 -> o101 [label="'user1'"];
  o3 -> o102 [label="'user2'"];
  too_many_o3 [label="9 more dominated\n5.3 KiB retained", shape=box, height=0.25, color=red, fillcolor="0,1,0.3", fontcolor=white, fontsize=9];
  o3 -> too_many_o3 [color=red, style=dotted, len=0.25, weight=10];
}
