# a malformed dump: its own error, exit 3
args: diff testdata/leak.jsonl testdata/bad/truncated-record.jsonl
exit: 3
--- stderr
memscope: testdata/bad/truncated-record.jsonl:3:62: refs: expected a non-negative integer, found end of input
