# README leak hunt, step 4: the same diagram as DOT
gunzip: testdata/leaky-heap.jsonl.gz heap.jsonl
args: graph --backrefs type:__main__.Session --limit 1 --max-depth 6 --too-many 3 heap.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o139856530407312 [label="__main__.Session\n56 B · 64.3 KiB retained", fillcolor="0,0,1", fontcolor=red, tooltip="id 139856530407312"];
  o139856530406912 [label="method\n64 B · 64.3 KiB retained", fillcolor="0,0,0.883333", tooltip="id 139856530406912"];
  o139856533414464 [label="list\n4.1 KiB · 31.4 MiB retained", fillcolor="0,0,0.766667", tooltip="id 139856533414464"];
  o139856530374976 [label="dict\n296 B · 31.4 MiB retained", fillcolor="0,0,0.65", tooltip="id 139856530374976"];
  o139856531990672 [label="__main__.EventBus\n56 B · 31.4 MiB retained", fillcolor="0,0,0.533333", tooltip="id 139856531990672"];
  o139856532075584 [label="dict\n464 B · 31.4 MiB retained", fillcolor="0,0,0.416667", fontcolor=white, tooltip="id 139856532075584"];
  o139856531908992 [label="module\n__main__\n72 B · 31.4 MiB retained", fillcolor="0.3,0.45,0.3", fontcolor=white, tooltip="id 139856531908992"];
  o139856532323072 [label="function\nEventBus.subscribe\n152 B · 152 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 139856532323072"];
  o139856532323552 [label="function\nSession.__init__\n152 B · 152 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 139856532323552"];
  o139856530406912 -> o139856530407312 [label="__self__", color=red, penwidth=2];
  o139856533414464 -> o139856530406912 [label="[12]", color=red, penwidth=2];
  o139856530374976 -> o139856533414464 [label="'listeners'", color=red, penwidth=2];
  o139856531990672 -> o139856530374976 [label="__dict__", color=red, penwidth=2];
  o139856532075584 -> o139856531990672 [label="'bus'", color=red, penwidth=2];
  o139856531908992 -> o139856532075584 [label="__dict__", color=red, penwidth=2];
  o139856532323072 -> o139856532075584 [label="__globals__", color=red, penwidth=2];
  o139856532323552 -> o139856532075584 [label="__globals__", color=red, penwidth=2];
  too_many_o139856532075584 [label="8 more referrers", shape=box, height=0.25, color=red, fillcolor="0,1,0.3", fontcolor=white, fontsize=9];
  too_many_o139856532075584 -> o139856532075584 [color=red, style=dotted, len=0.25, weight=10];
}
