# -o /dev/stdout writes through to standard output (a pipe here), never
# replacing /dev/stdout
args: graph --refs 1 -o /dev/stdout -T dot testdata/small.jsonl
exit: 0
--- stdout
digraph memscope {
  graph [fontname="Helvetica"];
  node [shape=box, style=filled, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9];
  o1 [label="module\n__main__\n72 B · 503 B retained", fillcolor="0.3,0.45,1", fontcolor=red, tooltip="id 1"];
  o2 [label="dict\n232 B · 431 B retained", fillcolor="0,0,0.766667", tooltip="id 2"];
  o3 [label="list\n88 B · 144 B retained", fillcolor="0,0,0.533333", tooltip="id 3"];
  o16 [label="str\nhéllo 😀 tab\\there\n55 B · 55 B retained", fillcolor="0,0,0.533333", tooltip="id 16"];
  o18446744073709551615 [label="__main__.Node\n56 B · 56 B retained", fillcolor="0,0,0.3", fontcolor=white, tooltip="id 18446744073709551615"];
  o1 -> o2 [label="__dict__"];
  o2 -> o3 [label="'cache'"];
  o2 -> o16 [label="'greeting'"];
  o3 -> o16 [label="[0]"];
  o3 -> o18446744073709551615 [label="[1]"];
  o3 -> o2 [style=dashed];
}
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
