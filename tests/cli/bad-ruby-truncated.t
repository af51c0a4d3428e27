# bad input: Ruby dump, truncated
args: analyze testdata/bad/ruby/truncated.json
exit: 3
--- stderr
memscope: testdata/bad/ruby/truncated.json:3:37: unterminated string
