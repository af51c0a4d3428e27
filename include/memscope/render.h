/* render.h — laying out and drawing DOT text in process with Graphviz's
 * libgvc (gvContext, gvLayout, gvRender): never by running `dot`. */
#ifndef MEMSCOPE_RENDER_H
#define MEMSCOPE_RENDER_H

#include "memscope/common.h"

#include <stdio.h>

/* Lays out the graph in dot (NUL-terminated DOT text) with the engine
 * layout ("dot", "neato", ...) and writes it to out in format ("png",
 * "svg", "pdf", any format libgvc has a plugin for). Returns MS_OK;
 * MS_ERR_USAGE if libgvc knows no such format or engine (err lists the
 * ones it knows); MS_ERR_INPUT if libgvc cannot read the text or lay it
 * out; MS_ERR_IO if writing fails. */
ms_status ms_render(const char *dot, const char *layout, const char *format, FILE *out,
                    ms_error *err);

/* Checks that libgvc knows the format and the layout engine, as
 * ms_render would: MS_OK or MS_ERR_USAGE with err. */
ms_status ms_render_check(const char *layout, const char *format, ms_error *err);

/* The output format a file name asks for by its extension: "svg" for
 * "x.svg", "dot" for "x.gv"; NULL if it has none. */
const char *ms_render_format_of(const char *path);

#endif
