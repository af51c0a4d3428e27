# bad input: refs-bad-element
args: analyze testdata/bad/refs-bad-element.jsonl
exit: 3
--- stderr
memscope: testdata/bad/refs-bad-element.jsonl:1:47: refs: "abc" is not an integer or 0x-hex id
