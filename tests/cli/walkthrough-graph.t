# README leak hunt, step 4: the back-reference diagram, rendered in process
gunzip: testdata/leaky-heap.jsonl.gz heap.jsonl
args: graph --backrefs type:__main__.Session --limit 1 --max-depth 6 --too-many 3 heap.jsonl -o leak.png
png: leak.png
exit: 0
