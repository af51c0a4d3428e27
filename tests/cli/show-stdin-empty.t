# - with no ids: an empty JSON array, exit 0
args: show -f json testdata/leak.jsonl -
stdin: testdata/ids/none.txt
exit: 0
--- stdout
[]
