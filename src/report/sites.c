/* sites.c — the report of `memscope sites` (and analyze's sites section):
 * objects by allocation site with counts, bytes and retained bytes, as a
 * table, TSV or JSON; and an object's allocation stack for show. */
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdlib.h>

enum { SC_SITE, SC_COUNT, SC_BYTES, SC_RETAINED, SC_TOP_TYPE, SC_NCOLS };
static const ms_column site_cols[SC_NCOLS] = {
    [SC_SITE] = { "site", "SITE", MS_COL_STR, NULL, 80 },
    [SC_COUNT] = { "count", "COUNT", MS_COL_COUNT, NULL, 0 },
    [SC_BYTES] = { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    [SC_RETAINED] = { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
    [SC_TOP_TYPE] = { "top_type", "TOP TYPE", MS_COL_STR, NULL, 40 },
};

static void site_table(const ms_heap *h, const ms_site_table *st, uint32_t top, ms_table *t)
{
    ms_table_init(t, site_cols, SC_NCOLS);
    uint32_t rows = top && top < st->nrows ? top : st->nrows;
    for (uint32_t i = 0; i < rows; i++) {
        const ms_site_row *r = &st->rows[i];
        ms_cell *c = ms_table_row(t);
        c[SC_SITE].s = ms_strpool_get(&st->names, r->key);
        c[SC_COUNT].u = r->count;
        c[SC_BYTES].u = r->bytes;
        c[SC_RETAINED].u = r->retained;
        c[SC_TOP_TYPE].s = ms_heap_str(h, r->top_type);
    }
}

void ms_json_sites(ms_jsonw *w, const char *key, const ms_heap *h, const ms_site_table *st,
                   uint32_t top)
{
    uint32_t rows = top && top < st->nrows ? top : st->nrows;
    ms_json_begin_array(w, key);
    for (uint32_t i = 0; i < rows; i++) {
        const ms_site_row *r = &st->rows[i];
        ms_json_begin_object(w, NULL);
        ms_json_str(w, "site", ms_strpool_get(&st->names, r->key));
        ms_json_u64(w, "count", r->count);
        ms_json_u64(w, "bytes", r->bytes);
        ms_json_u64(w, "retained", r->retained);
        ms_json_str(w, "top_type", ms_heap_str(h, r->top_type));
        ms_json_begin_array(w, "types");
        for (uint32_t k = 0; k < r->ntypes; k++) {
            const ms_site_type *x = &st->types[r->types + k];
            ms_json_begin_row(w, NULL);
            ms_json_str(w, "type", ms_heap_str(h, x->type));
            ms_json_u64(w, "count", x->count);
            ms_json_u64(w, "bytes", x->bytes);
            ms_json_end_object(w);
        }
        ms_json_end_array(w);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

void ms_text_sites(FILE *f, const ms_heap *h, const ms_site_table *st, uint32_t top)
{
    char a[64], b[64];
    ms_table t;
    site_table(h, st, top, &t);
    ms_table_print(&t, f, 2);
    if (t.nrows < st->nrows)
        fprintf(f, "  (top %zu of %s sites)\n", t.nrows, ms_fmt_count(st->nrows, a, sizeof a));
    if (st->unattributed)
        fprintf(f, "  %s objects (%s) have no allocation site\n",
                ms_fmt_count(st->unattributed, a, sizeof a),
                ms_fmt_bytes(st->unattributed_bytes, b, sizeof b));
    ms_table_free(&t);
}

void ms_report_sites(FILE *f, ms_format fmt, const ms_heap *h, const ms_site_table *st,
                     uint32_t top)
{
    if (fmt == MS_FORMAT_TSV) {
        ms_table t;
        site_table(h, st, top, &t);
        ms_table_tsv(&t, f);
        ms_table_free(&t);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_report_begin(&w, f, h);
        ms_json_u64(&w, "site_count", st->nrows);
        ms_json_u64(&w, "unattributed", st->unattributed);
        ms_json_u64(&w, "unattributed_bytes", st->unattributed_bytes);
        ms_json_sites(&w, "sites", h, st, top);
        ms_json_report_end(&w);
    } else {
        ms_text_str(f, h->source ? h->source : "");
        fprintf(f, "\nObjects by allocation site (by %s):\n",
                st->sort == MS_SORT_COUNT ? "count" : st->sort == MS_SORT_BYTES ? "bytes"
                                                                                : "retained bytes");
        ms_text_sites(f, h, st, top);
    }
}
