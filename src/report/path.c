/* path.c — the report of `memscope path`: the shortest retaining path from
 * a root to one object, one hop per line with the edge followed and the
 * object's name or value. */
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

enum { PC_DEPTH, PC_ID, PC_TYPE, PC_EDGE, PC_NAME, PC_NCOLS };
static const ms_column cols[PC_NCOLS] = {
    [PC_DEPTH] = { "depth", "DEPTH", MS_COL_INT, NULL, 0 },
    [PC_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [PC_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
    [PC_EDGE] = { "edge", "EDGE", MS_COL_STR, NULL, 0 },
    [PC_NAME] = { "name", "NAME", MS_COL_STR, NULL, 60 },
};

const char *ms_path_edge(const ms_heap *h, const uint32_t *path, uint32_t i,
                         char buf[MS_INDEX_NAME_MAX])
{
    if (i == 0)
        return NULL;
    uint32_t e = ms_edge_between(h, path[i - 1], path[i]);
    if (e == MS_NONE || !h->edge_name[e])
        return NULL;
    return ms_heap_edge_name(h, e, buf);
}

/* The kind of root node is, as the dump names it ("global_tbl"), or NULL. */
static const char *root_kind(const ms_heap *h, uint32_t node)
{
    return h->root_kind && h->root_kind[node] ? ms_heap_str(h, h->root_kind[node]) : NULL;
}

void ms_json_report_begin(ms_jsonw *w, FILE *f, const ms_heap *h)
{
    ms_json_init(w, f);
    ms_json_begin_object(w, NULL);
    ms_json_str(w, "source", h->source ? h->source : "");
}

void ms_json_report_end(ms_jsonw *w)
{
    ms_json_end_object(w);
    ms_json_finish(w);
}

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
        if (i == 0 && root_kind(h, path[i]))
            ms_json_str(w, "root", root_kind(h, path[i]));
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

void ms_report_path(FILE *f, ms_format fmt, const ms_heap *h, const ms_roots *roots,
                    const uint32_t *path, uint32_t len)
{
    if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_report_begin(&w, f, h);
        ms_json_u64(&w, "id", h->id[path[len - 1]]);
        ms_json_str(&w, "root_rule", ms_root_rule_name(roots->rule));
        ms_json_u64(&w, "length", len - 1);
        ms_json_path(&w, "path", h, path, len);
        ms_json_report_end(&w);
        return;
    }
    ms_table t;
    ms_table_init(&t, cols, PC_NCOLS);
    char kind[200];
    for (uint32_t i = 0; i < len; i++) {
        char nb[MS_INDEX_NAME_MAX];
        const char *edge = ms_path_edge(h, path, i, nb);
        if (i == 0 && root_kind(h, path[0])) {
            snprintf(kind, sizeof kind, "(root: %s)", root_kind(h, path[0]));
            edge = kind;
        }
        ms_cell *r = ms_table_row(&t);
        r[PC_DEPTH].u = i;
        r[PC_ID].u = h->id[path[i]];
        r[PC_TYPE].s = ms_heap_type_name(h, path[i]);
        r[PC_EDGE].none = edge == NULL;
        r[PC_EDGE].s = edge == nb ? ms_table_keep(&t, nb) : edge;
        r[PC_NAME].s = ms_heap_str(h, h->label[path[i]]);
        r[PC_NAME].none = !*r[PC_NAME].s;
    }
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else {
        char a[64];
        fprintf(f, "Shortest retaining path to %s (%s hop%s from a root; roots: %s):\n",
                ms_heap_type_name(h, path[len - 1]), ms_fmt_count(len - 1, a, sizeof a),
                len == 2 ? "" : "s", ms_root_rule_text(roots->rule));
        ms_table_print(&t, f, 2);
    }
    ms_table_free(&t);
}

void ms_text_path(FILE *f, const ms_heap *h, const uint32_t *parent, uint32_t node)
{
    char a[64], t1[160];
    uint32_t *path;
    uint32_t len = ms_path_from_parents(parent, node, &path);
    fputs("     path from a root:\n", f);
    if (len && root_kind(h, path[0])) {
        fputs("       (root: ", f);
        ms_text_str(f, root_kind(h, path[0]));
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
