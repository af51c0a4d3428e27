# an unknown layout engine
args: graph --refs -T svg --layout nosuch 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: unknown layout 'nosuch' (libgvc knows: circo, dot, fdp, neato, nop, nop1, nop2, osage, patchwork, sfdp, twopi) (see 'memscope graph --help')
