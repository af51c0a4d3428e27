# an index is input: index-edge-out-of-range exits 3 with one line naming the file, where and why
args: analyze testdata/bad/index-edge-out-of-range.index
exit: 3
--- stderr
memscope: testdata/bad/index-edge-out-of-range.index: not a usable index: edge_to: value out of range at element 6
