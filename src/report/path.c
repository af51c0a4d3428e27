/* path.c — the report of `memscope path`: the shortest retaining path from
 * a root to one object, one hop per line with the edge followed and the
 * object's name or value. */
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdio.h>

enum { PC_DEPTH, PC_ID, PC_TYPE, PC_EDGE, PC_NAME, PC_NCOLS };
static const ms_column cols[PC_NCOLS] = {
    [PC_DEPTH] = { "depth", "DEPTH", MS_COL_INT, NULL, 0 },
    [PC_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [PC_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
    [PC_EDGE] = { "edge", "EDGE", MS_COL_STR, NULL, 0 },
    [PC_NAME] = { "name", "NAME", MS_COL_STR, NULL, 60 },
};

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
        if (i == 0 && ms_node_root_kind(h, path[0])) {
            snprintf(kind, sizeof kind, "(root: %s)", ms_node_root_kind(h, path[0]));
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
