# bad input: duplicate-id-document
args: analyze testdata/bad/duplicate-id-document.json
exit: 3
--- stderr
memscope: testdata/bad/duplicate-id-document.json:4:4: duplicate id (first used at line 3)
