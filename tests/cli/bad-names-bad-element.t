# bad input: names-bad-element
args: analyze testdata/bad/names-bad-element.jsonl
exit: 3
--- stderr
memscope: testdata/bad/names-bad-element.jsonl:1:58: names must be an array of strings or nulls
