# graph --sites: each object labelled with where it was allocated (innermost frame)
args: graph --sites --backrefs 13 testdata/v8/alloc.heapsnapshot
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o13 [label="Buffer\nat (anonymous) (app.js:20:5)\n300 B · 300 B retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 13"];
  o7 [label="Entry\nat makeCache (app.js:10:20)\n200 B · 500 B retained", fillcolor="0,0,0.766667", tooltip="id 7"];
  o5 [label="Map\nat makeCache (app.js:10:20)\n100 B · 800 B retained", fillcolor="0,0,0.533333", tooltip="id 5"];
  o3 [label="Global\n40 B · 890 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 3"];
  o7 -> o13 [label="data"];
  o5 -> o7 [label="e1"];
  o3 -> o5 [label="cache"];
}
