# an index is input: index-other-byte-order exits 3 with one line naming the file, where and why
args: analyze testdata/bad/index-other-byte-order.index
exit: 3
--- stderr
memscope: testdata/bad/index-other-byte-order.index: not a usable index: written on a machine of the other byte order (mark 67305985)
