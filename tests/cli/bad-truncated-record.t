# bad input: truncated-record
args: analyze testdata/bad/truncated-record.jsonl
exit: 3
--- stderr
memscope: testdata/bad/truncated-record.jsonl:3:62: refs: expected a non-negative integer, found end of input
