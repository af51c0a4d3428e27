# --frames 0 is not a site
args: sites --frames 0 testdata/v8/alloc.heapsnapshot
exit: 2
--- stderr
memscope: sites: --frames: expected 1 or more, got 0 (see 'memscope sites --help')
