# -T with a format libgvc lacks
args: graph --refs -T nosuch 200 testdata/leak.jsonl
exit: 2
--- stderr
memscope: graph: unknown output format 'nosuch' (libgvc knows: bmp, canon, cmap, cmapx, cmapx_np, dot, dot_json, eps, fig, gd, gd2, gif, gv, ico, imap, imap_np, ismap, jpe, jpeg, jpg, json, json0, mp, pdf, pic, plain, plain-ext, png, pov, ps, ps2, svg, svgz, tif, tiff, tk, vdx, vml, vmlz, vrml, wbmp, webp, xdot, xdot1.2, xdot1.4, xdot_json) (see 'memscope graph --help')
