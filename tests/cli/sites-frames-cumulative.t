# --cumulative and --frames do not go together
args: sites --cumulative --frames 2 testdata/v8/alloc.heapsnapshot
exit: 2
--- stderr
memscope: sites: --cumulative credits single frames: no --frames with it (see 'memscope sites --help')
