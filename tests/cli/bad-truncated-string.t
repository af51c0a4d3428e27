# bad input: truncated-string
args: analyze testdata/bad/truncated-string.jsonl
exit: 3
--- stderr
memscope: testdata/bad/truncated-string.jsonl:2:19: unterminated string
