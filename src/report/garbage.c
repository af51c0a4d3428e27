/* garbage.c — the report of `memscope garbage`: every object the roots do
 * not reach, with whether it is tracked and which cycle it is in. */
#include "memscope/reports.h"

static const ms_column cols[] = {
    { "id", "ID", MS_COL_ID, NULL, 0 },
    { "type", "TYPE", MS_COL_STR, NULL, 0 },
    { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
    { "tracked", "TRACKED", MS_COL_INT, NULL, 0 },
    { "cycle", "CYCLE", MS_COL_INT, NULL, 0 },
    { "finalizer", "FINALIZER", MS_COL_INT, NULL, 0 },
};

void ms_report_finalizers(FILE *f, const ms_garbage *g)
{
    if (!g->finalizers)
        return;
    char a[64], b[64];
    fprintf(f, "Note: %s garbage object%s with finalizers (__del__, unfinished generators), "
               "%s garbage cycle%s holding one: a collector runs the finalizers first, "
               "which may keep them alive\n",
            ms_fmt_count(g->finalizers, a, sizeof a), g->finalizers == 1 ? "" : "s",
            ms_fmt_count(g->finalizer_cycles, b, sizeof b), g->finalizer_cycles == 1 ? "" : "s");
}

void ms_report_garbage(FILE *f, ms_format fmt, const ms_heap *h, const ms_domtree *dt,
                       const ms_cycles *cy)
{
    ms_garbage g;
    ms_garbage_count(h, dt, cy, &g);
    ms_table t;
    ms_table_init(&t, cols, 6);
    for (uint32_t v = 0; v < h->n; v++) {
        if (dt->num[v])
            continue;
        ms_cell *r = ms_table_row(&t);
        int tr = ms_node_tracked(h, v);
        r[0].u = h->id[v];
        r[1].s = ms_heap_type_name(h, v);
        r[2].u = ms_heap_size(h, v);
        r[3].none = tr < 0;
        r[3].u = tr > 0;
        r[4].none = cy->of[v] == 0;
        r[4].u = cy->of[v];
        r[5].u = (h->flags[v] & MS_NODE_FINALIZER) != 0;
    }
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_report_begin(&w, f, h);
        ms_json_u64(&w, "objects", g.objects);
        ms_json_u64(&w, "bytes", g.bytes);
        ms_json_u64(&w, "tracked", g.tracked);
        ms_json_u64(&w, "cycles", g.cycles);
        ms_json_u64(&w, "in_cycles", g.in_cycles);
        ms_json_u64(&w, "finalizers", g.finalizers);
        ms_json_u64(&w, "finalizer_cycles", g.finalizer_cycles);
        ms_table_json(&t, &w, "garbage");
        ms_json_report_end(&w);
    } else {
        char a[64], b[64], c[64], d[64], e[64];
        fprintf(f, "Garbage: %s objects, %s unreachable from the roots; %s tracked; "
                   "%s in %s cycles\n",
                ms_fmt_count(g.objects, a, sizeof a), ms_fmt_bytes(g.bytes, b, sizeof b),
                ms_fmt_count(g.tracked, c, sizeof c), ms_fmt_count(g.in_cycles, d, sizeof d),
                ms_fmt_count(g.cycles, e, sizeof e));
        ms_report_finalizers(f, &g);
        if (t.nrows)
            ms_table_print(&t, f, 2);
    }
    ms_table_free(&t);
}
