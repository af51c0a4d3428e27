/* series.c — the report of diff's growth over three dumps or more
 * (series.h): the dumps, the types that grew in every interval, the
 * growing collections and the cohorts, as a section of the table view,
 * as JSON keys, and as three TSV tables (--series, --collections,
 * --cohorts). */
#include "memscope/alloc.h"
#include "memscope/reports.h"
#include "memscope/series.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum { SE_TYPE, SE_GREW, SE_GROWTH, SE_COUNT_GROWTH, SE_COUNTS, SE_BYTES, SE_NCOLS };
/* The columns after the first, by type or by site (diff --by site). */
#define SERIES_COLS                                                               \
    [SE_GREW] = { "grew_every", "EVERY", MS_COL_INT, NULL, 0 },                  \
    [SE_GROWTH] = { "growth", "GROWTH", MS_COL_BYTES_DELTA, NULL, 0 },           \
    [SE_COUNT_GROWTH] = { "count_growth", "COUNT GROWTH", MS_COL_DELTA, NULL, 0 }, \
    [SE_COUNTS] = { "counts", "COUNTS", MS_COL_STR, NULL, 0 },                   \
    [SE_BYTES] = { "bytes", "BYTES", MS_COL_STR, NULL, 0 }
static const ms_column series_cols[SE_NCOLS] = {
    [SE_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    SERIES_COLS,
};
static const ms_column site_series_cols[SE_NCOLS] = {
    [SE_TYPE] = { "site", "SITE", MS_COL_STR, NULL, 80 },
    SERIES_COLS,
};

/* The table view's: the first and last dump's bytes and counts. */
enum { TX_TYPE, TX_GROWTH, TX_FIRST, TX_LAST, TX_COUNT_GROWTH, TX_COUNT_FIRST, TX_COUNT_LAST,
       TX_NCOLS };
#define TEXT_COLS                                                                     \
    [TX_GROWTH] = { "growth", "GROWTH", MS_COL_BYTES_DELTA, NULL, 0 },               \
    [TX_FIRST] = { "first", "FIRST", MS_COL_BYTES, NULL, 0 },                        \
    [TX_LAST] = { "last", "LAST", MS_COL_BYTES, NULL, 0 },                           \
    [TX_COUNT_GROWTH] = { "count_growth", "COUNT GROWTH", MS_COL_DELTA, NULL, 0 },   \
    [TX_COUNT_FIRST] = { "count_first", "FIRST", MS_COL_COUNT, NULL, 0 },            \
    [TX_COUNT_LAST] = { "count_last", "LAST", MS_COL_COUNT, NULL, 0 }
static const ms_column text_cols[TX_NCOLS] = {
    [TX_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    TEXT_COLS,
};
static const ms_column text_site_cols[TX_NCOLS] = {
    [TX_TYPE] = { "site", "SITE", MS_COL_STR, NULL, 80 },
    TEXT_COLS,
};

enum { CO_ID, CO_TYPE, CO_GROWTH, CO_ELEMENT_GROWTH, CO_ELEMENTS, CO_RETAINED, CO_NAME,
       CO_KNOWN, CO_SIGNATURE, CO_PATH, CO_NCOLS };
static const ms_column coll_cols[CO_NCOLS] = {
    [CO_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [CO_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    [CO_GROWTH] = { "growth", "GROWTH", MS_COL_BYTES_DELTA, NULL, 0 },
    [CO_ELEMENT_GROWTH] = { "element_growth", "ELEMENTS", MS_COL_DELTA, NULL, 0 },
    [CO_ELEMENTS] = { "elements", "ELEMENTS", MS_COL_STR, NULL, 0 },
    [CO_RETAINED] = { "retained", "RETAINED", MS_COL_STR, NULL, 0 },
    [CO_NAME] = { "name", "NAME", MS_COL_STR, NULL, 60 },
    [CO_KNOWN] = { "known", "KNOWN", MS_COL_INT, NULL, 0 },
    [CO_SIGNATURE] = { "signature", "SIGNATURE", MS_COL_STR, NULL, 0 },
    [CO_PATH] = { "path", "PATH", MS_COL_STR, NULL, 0 },
};

enum { CH_INTERVAL, CH_BORN, CH_BORN_BYTES, CH_ALIVE, CH_ALIVE_PERCENT, CH_ALIVE_BYTES,
       CH_NCOLS };
static const ms_column cohort_cols[CH_NCOLS] = {
    [CH_INTERVAL] = { "interval", "INTERVAL", MS_COL_INT, NULL, 0 },
    [CH_BORN] = { "new", "NEW", MS_COL_COUNT, NULL, 0 },
    [CH_BORN_BYTES] = { "new_bytes", "NEW BYTES", MS_COL_BYTES, NULL, 0 },
    [CH_ALIVE] = { "alive", "STILL IN LAST", MS_COL_COUNT, NULL, 0 },
    [CH_ALIVE_PERCENT] = { "alive_percent", "%", MS_COL_PERCENT, NULL, 0 },
    [CH_ALIVE_BYTES] = { "alive_bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
};

/* v[0..n) as "v0 v1 ...", malloc'd. */
static char *list_u64(const uint64_t *v, uint32_t n)
{
    size_t cap = (size_t)n * 21 + 1, len = 0;
    char *s = ms_malloc(cap);
    s[0] = '\0';
    for (uint32_t k = 0; k < n; k++)
        len += (size_t)snprintf(s + len, cap - len, "%s%" PRIu64, k ? " " : "", v[k]);
    return s;
}

static char *list_u32(const uint32_t *v, uint32_t n)
{
    uint64_t *w = ms_malloc(((size_t)n + 1) * sizeof *w);
    for (uint32_t k = 0; k < n; k++)
        w[k] = v[k];
    char *s = list_u64(w, n);
    free(w);
    return s;
}

/* Keeps a malloc'd string in t and frees it; returns the kept copy. */
static const char *keep(ms_table *t, char *s)
{
    const char *k = ms_table_keep(t, s);
    free(s);
    return k;
}

static uint32_t rows_of(const ms_diff_report *r, uint32_t n)
{
    return r->top && r->top < n ? r->top : n;
}

static void types_table(const ms_diff_report *r, ms_table *t, uint32_t rows)
{
    const ms_series *s = r->series;
    ms_table_init(t, r->by_site ? site_series_cols : series_cols, SE_NCOLS);
    for (uint32_t i = 0; i < rows; i++) {
        const ms_series_row *x = &s->rows[i];
        ms_cell *c = ms_table_row(t);
        c[SE_TYPE].s = ms_strpool_get(&s->names, x->name);
        c[SE_GREW].u = x->grew_every;
        c[SE_GROWTH].i = x->growth;
        c[SE_COUNT_GROWTH].i = x->count_growth;
        c[SE_COUNTS].s = keep(t, list_u64(&s->counts[(size_t)i * s->n], s->n));
        c[SE_BYTES].s = keep(t, list_u64(&s->bytes[(size_t)i * s->n], s->n));
    }
}

static void collections_table(const ms_diff_report *r, ms_table *t, char ***lines)
{
    const ms_series *s = r->series;
    const ms_heap *h = r->all[r->ndumps - 1].h;
    uint32_t rows = rows_of(r, s->ncoll);
    ms_table_init(t, coll_cols, CO_NCOLS);
    *lines = ms_calloc((size_t)rows + 1, sizeof **lines);
    for (uint32_t i = 0; i < rows; i++) {
        const ms_series_collection *x = &s->coll[i];
        ms_cell *c = ms_table_row(t);
        c[CO_ID].u = h->id[x->node];
        c[CO_TYPE].s = ms_heap_type_name(h, x->node);
        c[CO_GROWTH].i = x->growth;
        c[CO_ELEMENT_GROWTH].i = x->element_growth;
        c[CO_ELEMENTS].s = keep(t, list_u32(&s->elements[(size_t)i * s->n], s->n));
        c[CO_RETAINED].s = keep(t, list_u64(&s->retained[(size_t)i * s->n], s->n));
        char nb[256];
        c[CO_NAME].s = x->name ? ms_table_keep(t, ms_fmt_name(ms_heap_str(h, x->name), nb,
                                                              sizeof nb))
                               : "";
        c[CO_KNOWN].u = x->known;
        c[CO_SIGNATURE].s = x->signature;
        (*lines)[i] = ms_path_line(h, s->parent, x->node);
        c[CO_PATH].s = (*lines)[i];
    }
}

static void cohorts_table(const ms_diff_report *r, ms_table *t)
{
    const ms_series *s = r->series;
    ms_table_init(t, cohort_cols, CH_NCOLS);
    for (uint32_t k = 0; s->cohorts && k + 1 < s->n; k++) {
        const ms_series_cohort *x = &s->cohorts[k];
        ms_cell *c = ms_table_row(t);
        c[CH_INTERVAL].u = k + 1;
        c[CH_BORN].u = x->born;
        c[CH_BORN_BYTES].u = x->born_bytes;
        c[CH_ALIVE].u = x->alive;
        c[CH_ALIVE_PERCENT].d = x->born ? 100.0 * (double)x->alive / (double)x->born : 0;
        c[CH_ALIVE_BYTES].u = x->alive_bytes;
    }
}

void ms_series_table(const ms_diff_report *r, ms_table *t, char ***lines)
{
    *lines = NULL;
    if (r->tsv == MS_DIFF_TSV_COLLECTIONS)
        collections_table(r, t, lines);
    else if (r->tsv == MS_DIFF_TSV_COHORTS)
        cohorts_table(r, t);
    else
        types_table(r, t, r->series->nrows);
}

/* ---- JSON ----------------------------------------------------------- */

void ms_json_dump_totals(ms_jsonw *w, const char *key, const ms_diff_side *x)
{
    ms_json_begin_row(w, key);
    ms_json_str(w, "source", x->h->source ? x->h->source : "");
    ms_json_u64(w, "objects", x->h->n);
    ms_json_u64(w, "bytes", x->h->total_size);
    ms_json_u64(w, "reachable_objects", x->dom->count);
    ms_json_u64(w, "reachable_bytes", x->dom->retained[0]);
    ms_json_end_object(w);
}


static void json_u64s(ms_jsonw *w, const char *key, const uint64_t *v, uint32_t n)
{
    ms_json_begin_array(w, key);
    for (uint32_t k = 0; k < n; k++)
        ms_json_u64(w, NULL, v[k]);
    ms_json_end_array(w);
}

static void json_types(ms_jsonw *w, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    uint32_t rows = rows_of(r, s->nrows);
    ms_json_begin_array(w, r->by_site ? "sites" : "types");
    for (uint32_t i = 0; i < rows; i++) {
        const ms_series_row *x = &s->rows[i];
        ms_json_begin_row(w, NULL);
        ms_json_str(w, r->by_site ? "site" : "type", ms_strpool_get(&s->names, x->name));
        json_u64s(w, "counts", &s->counts[(size_t)i * s->n], s->n);
        json_u64s(w, "bytes", &s->bytes[(size_t)i * s->n], s->n);
        ms_json_bool(w, "grew_every", x->grew_every);
        ms_json_bool(w, "internal", x->internal);
        ms_json_i64(w, "growth", x->growth);
        ms_json_i64(w, "count_growth", x->count_growth);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static void json_collections(ms_jsonw *w, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    const ms_heap *h = r->all[r->ndumps - 1].h;
    uint32_t rows = rows_of(r, s->ncoll);
    ms_json_begin_array(w, "collections");
    for (uint32_t i = 0; i < rows; i++) {
        const ms_series_collection *x = &s->coll[i];
        ms_json_begin_object(w, NULL);
        ms_json_u64(w, "id", h->id[x->node]);
        ms_json_str(w, "type", ms_heap_type_name(h, x->node));
        ms_json_begin_array(w, "elements");
        for (uint32_t k = 0; k < s->n; k++)
            ms_json_u64(w, NULL, s->elements[(size_t)i * s->n + k]);
        ms_json_end_array(w);
        json_u64s(w, "retained", &s->retained[(size_t)i * s->n], s->n);
        ms_json_i64(w, "growth", x->growth);
        ms_json_i64(w, "element_growth", x->element_growth);
        ms_json_name(w, h, x->name);
        ms_json_path_to(w, "path", h, s->parent, x->node);
        ms_json_str(w, "signature", x->signature);
        ms_json_bool(w, "known", x->known);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static void json_cohorts(ms_jsonw *w, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    if (!s->cohorts) {
        ms_json_null(w, "cohorts");
        return;
    }
    ms_json_begin_array(w, "cohorts");
    for (uint32_t k = 0; k + 1 < s->n; k++) {
        const ms_series_cohort *x = &s->cohorts[k];
        ms_json_begin_row(w, NULL);
        ms_json_u64(w, "interval", k + 1);
        ms_json_u64(w, "new", x->born);
        ms_json_u64(w, "new_bytes", x->born_bytes);
        ms_json_u64(w, "alive", x->alive);
        ms_json_u64(w, "alive_bytes", x->alive_bytes);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

void ms_json_series(ms_jsonw *w, const ms_diff_report *r)
{
    ms_json_begin_array(w, "dumps");
    for (int k = 0; k < r->ndumps; k++)
        ms_json_dump_totals(w, NULL, &r->all[k]);
    ms_json_end_array(w);
    if (r->baseline) {
        ms_json_begin_object(w, "baseline");
        ms_json_str(w, "source", r->baseline);
        ms_json_u64(w, "known", r->baseline_count);
        ms_json_end_object(w);
    } else {
        ms_json_null(w, "baseline");
    }
    if (!r->series) {
        ms_json_null(w, "series");
        return;
    }
    ms_json_begin_object(w, "series");
    json_types(w, r);
    json_collections(w, r);
    json_cohorts(w, r);
    ms_json_end_object(w);
}

/* ---- the table view ------------------------------------------------- */

static void text_types(FILE *f, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    uint32_t every = 0;
    while (every < s->nrows && s->rows[every].grew_every)
        every++;
    char a[32], b[32];
    fprintf(f, "\n%s that grew in every interval: %s of %s\n",
            r->by_site ? "Allocation sites" : "Types", ms_fmt_count(every, a, sizeof a),
            ms_fmt_count(s->nrows, b, sizeof b));
    if (!every)
        return;
    ms_table t;
    ms_table_init(&t, r->by_site ? text_site_cols : text_cols, TX_NCOLS);
    uint32_t n = s->n;
    for (uint32_t i = 0; i < rows_of(r, every); i++) {
        const uint64_t *b = &s->bytes[(size_t)i * n], *cnt = &s->counts[(size_t)i * n];
        ms_cell *c = ms_table_row(&t);
        c[TX_TYPE].s = ms_strpool_get(&s->names, s->rows[i].name);
        c[TX_GROWTH].i = s->rows[i].growth;
        c[TX_FIRST].u = b[0];
        c[TX_LAST].u = b[n - 1];
        c[TX_COUNT_GROWTH].i = s->rows[i].count_growth;
        c[TX_COUNT_FIRST].u = cnt[0];
        c[TX_COUNT_LAST].u = cnt[n - 1];
    }
    ms_table_print(&t, f, 2);
    ms_table_free(&t);
    if (rows_of(r, every) < every)
        fprintf(f, "  (top %u of %u)\n", rows_of(r, every), every);
}

static void text_collections(FILE *f, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    const ms_heap *h = r->all[r->ndumps - 1].h;
    char a[32], a2[32], b[32], c[32], c2[32], t1[160];
    fprintf(f, "\nCollections whose element count grew in every interval: %s\n",
            ms_fmt_count(s->ncoll, a, sizeof a));
    uint32_t rows = rows_of(r, s->ncoll);
    for (uint32_t i = 0; i < rows; i++) {
        const ms_series_collection *x = &s->coll[i];
        const uint32_t *e = &s->elements[(size_t)i * s->n];
        const uint64_t *re = &s->retained[(size_t)i * s->n];
        fprintf(f, "  %u. ", i + 1);
        ms_text_name(f, h, x->name);
        ms_text_str(f, ms_node_title(h, x->node, t1, sizeof t1, 60));
        fprintf(f, " %" PRIu64 ": %s -> %s elements, retained %s (%s -> %s)%s\n", h->id[x->node],
                ms_fmt_count(e[0], a, sizeof a), ms_fmt_count(e[s->n - 1], a2, sizeof a2),
                ms_fmt_bytes_delta(x->growth, b, sizeof b), ms_fmt_bytes(re[0], c, sizeof c),
                ms_fmt_bytes(re[s->n - 1], c2, sizeof c2), x->known ? "; known (baseline)" : "");
        ms_text_path(f, h, s->parent, x->node);
    }
    if (rows < s->ncoll)
        fprintf(f, "  (top %u of %s)\n", rows, ms_fmt_count(s->ncoll, a, sizeof a));
}

void ms_text_series(FILE *f, const ms_diff_report *r)
{
    const ms_series *s = r->series;
    if (!s)
        return;
    fprintf(f, "\nGrowth over %d dumps:\n", r->ndumps);
    for (int k = 0; k < r->ndumps; k++) {
        char a[64], b[64];
        fprintf(f, "  %2d  %s objects, %s reachable  ", k + 1,
                ms_fmt_count(r->all[k].h->n, a, sizeof a),
                ms_fmt_bytes(r->all[k].dom->retained[0], b, sizeof b));
        ms_text_str(f, r->all[k].h->source ? r->all[k].h->source : "");
        fputc('\n', f);
    }
    text_types(f, r);
    if (!s->cohorts) {
        fputs("  (objects not matched across the dumps: types only)\n", f);
        return;
    }
    text_collections(f, r);
    fputs("\nCohorts: the objects new in each interval, and those still in the last dump:\n",
          f);
    ms_table t;
    cohorts_table(r, &t);
    ms_table_print(&t, f, 2);
    ms_table_free(&t);
}
