# bad input: refs-nested
args: analyze testdata/bad/refs-nested.jsonl
exit: 3
--- stderr
memscope: testdata/bad/refs-nested.jsonl:1:44: refs: expected a non-negative integer, found '['
