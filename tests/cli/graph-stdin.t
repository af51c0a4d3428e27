# graph: the ids of - join the start objects (200 given twice: drawn once)
args: graph --backrefs 200 - testdata/leak.jsonl
stdin: testdata/ids/leak-ids.txt
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o200 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 200"];
  o205 [label="bytes\n500 B · 500 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 205"];
  o100 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 100"];
  o6 [label="bytes\n400 B · 400 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 6"];
  o105 [label="app.Session\n100 B · 600 B retained", fillcolor="0,0,0.766667", tooltip="id 105"];
  o3 [label="dict\n300 B · 7.3 KiB retained", fillcolor="0,0,0.766667", tooltip="id 3"];
  o5 [label="app.Node\n50 B · 50 B retained", fillcolor="0,0,0.766667", tooltip="id 5"];
  o10 [label="app.View\n60 B · 60 B retained", fillcolor="0,0,0.766667", tooltip="id 10"];
  o2 [label="dict\n200 B · 8.1 KiB retained", fillcolor="0,0,0.533333", tooltip="id 2"];
  o4 [label="app.Node\n50 B · 100 B retained", fillcolor="0,0,0.533333", tooltip="id 4"];
  o1 [label="module\napp\n100 B · 8.2 KiB retained", fillcolor="0.3,0.45,0.3", fontcolor=white, tooltip="id 1"];
  o100 -> o200 [label="data"];
  o105 -> o205 [label="data"];
  o3 -> o100 [label="'user0'"];
  o5 -> o6 [label="payload"];
  o10 -> o6 [label="payload"];
  o3 -> o105 [label="'user5'"];
  o2 -> o3 [label="'cache'"];
  o10 -> o3 [style=dashed];
  o4 -> o5 [label="next", color=red, penwidth=2];
  o2 -> o10 [label="'view'"];
  o1 -> o2 [label="__dict__"];
  o2 -> o4 [label="'head'"];
  o5 -> o4 [label="prev", color=red, penwidth=2];
}
