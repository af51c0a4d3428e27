# refs with --too-many 2: a red box for the rest, the Node cycle bold red
args: graph --refs 2 --too-many 2 testdata/leak.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o2 [label="dict\n200 B · 8.1 KiB retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 2"];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,0.766667", tooltip="id 3"];
  o4 [label="app.Node\n50 B · 100 B retained", fillcolor="0,0,0.766667", tooltip="id 4"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.533333", tooltip="id 100"];
  o101 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.533333", tooltip="id 101"];
  o5 [label="app.Node\n50 B · 50 B retained", fillcolor="0,0,0.533333", tooltip="id 5"];
  o200 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 200"];
  o201 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 201"];
  o6 [label="bytes\n400 B · 400 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 6"];
  o2 -> o3 [label="'cache'"];
  o2 -> o4 [label="'head'"];
  o3 -> o100 [label="'user0'"];
  o3 -> o101 [label="'user1'"];
  o4 -> o5 [label="next", color=red, penwidth=2];
  o100 -> o200 [label="data"];
  o101 -> o201 [label="data"];
  o5 -> o4 [label="prev", color=red, penwidth=2];
  o5 -> o6 [label="payload"];
  too_many_o2 [label="1 more reference", shape=box, height=0.25, color=red, fillcolor="0,1,0.766667", fontcolor=white, fontsize=9];
  o2 -> too_many_o2 [color=red, style=dotted, len=0.25, weight=10];
  too_many_o3 [label="10 more references", shape=box, height=0.25, color=red, fillcolor="0,1,0.533333", fontcolor=white, fontsize=9];
  o3 -> too_many_o3 [color=red, style=dotted, len=0.25, weight=10];
}
