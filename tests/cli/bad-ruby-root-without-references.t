# bad input: Ruby dump, root-without-references
args: analyze testdata/bad/ruby/root-without-references.json
exit: 3
--- stderr
memscope: testdata/bad/ruby/root-without-references.json:1:1: ROOT record has no "references"
