# an index is input: index-truncated exits 3 with one line naming the file, where and why
args: analyze testdata/bad/index-truncated.index
exit: 3
--- stderr
memscope: testdata/bad/index-truncated.index: not a usable index: truncated or extended: 1600 bytes where the header says more or fewer
