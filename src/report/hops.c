/* hops.c — a retaining path printed hop by hop, in text (analyze's and
 * diff's findings) and in JSON (theirs and the path report's): each hop's
 * object and the reference taken to reach it. */
#include "memscope/alloc.h"
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

void ms_json_path(ms_jsonw *w, const char *key, const ms_heap *h, const uint32_t *path,
                  uint32_t len)
{
    ms_json_begin_array(w, key);
    for (uint32_t i = 0; i < len; i++) {
        char nb[MS_INDEX_NAME_MAX];
        const char *edge = ms_path_edge(h, path, i, nb);
        ms_json_begin_row(w, NULL);
        ms_json_u64(w, "id", h->id[path[i]]);
        ms_json_str(w, "type", ms_heap_type_name(h, path[i]));
        if (edge)
            ms_json_str(w, "edge", edge);
        else
            ms_json_null(w, "edge");
        const char *name = ms_heap_str(h, h->label[path[i]]);
        if (*name)
            ms_json_str(w, "name", name);
        else
            ms_json_null(w, "name");
        if (i == 0 && ms_node_root_kind(h, path[i]))
            ms_json_str(w, "root", ms_node_root_kind(h, path[i]));
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

void ms_json_path_to(ms_jsonw *w, const char *key, const ms_heap *h, const uint32_t *parent,
                     uint32_t node)
{
    uint32_t *path = NULL;
    uint32_t len = node == MS_NONE ? 0 : ms_path_from_parents(parent, node, &path);
    ms_json_path(w, key, h, path, len);
    free(path);
}

void ms_text_path(FILE *f, const ms_heap *h, const uint32_t *parent, uint32_t node)
{
    char a[64], t1[160];
    uint32_t *path;
    uint32_t len = ms_path_from_parents(parent, node, &path);
    fputs("     path from a root:\n", f);
    if (len && ms_node_root_kind(h, path[0])) {
        fputs("       (root: ", f);
        ms_text_str(f, ms_node_root_kind(h, path[0]));
        fputs(")\n", f);
    }
    for (uint32_t k = 0; k < len; k++) {
        if (len > 24 && k == 10) {
            /* Long chains: the first and last hops tell the story. */
            fprintf(f, "       ... %s more hops ...\n", ms_fmt_count(len - 20, a, sizeof a));
            k = len - 10;
        }
        fputs("       ", f);
        if (k) {
            char nb[MS_INDEX_NAME_MAX];
            const char *edge = ms_path_edge(h, path, k, nb);
            if (edge) {
                fputs("--", f);
                ms_text_str(f, edge);
            }
            fputs("--> ", f);
        }
        ms_text_str(f, ms_node_title(h, path[k], t1, sizeof t1, 40));
        fprintf(f, " %" PRIu64 "\n", h->id[path[k]]);
    }
    free(path);
}

/* "module --__dict__--> dict --'cache'--> Session": a path on one line,
 * in a new string (caller frees). */
char *ms_path_line(const ms_heap *h, const uint32_t *parent, uint32_t node)
{
    uint32_t *path;
    uint32_t len = ms_path_from_parents(parent, node, &path);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = ms_memstream(&buf, &n);
    for (uint32_t k = 0; k < len; k++) {
        if (k) {
            char nb[MS_INDEX_NAME_MAX];
            const char *e = ms_path_edge(h, path, k, nb);
            fprintf(f, " --%s--> ", e ? e : "");
        }
        fputs(ms_heap_type_name(h, path[k]), f);
    }
    ms_memstream_close(f);
    free(path);
    return buf;
}
