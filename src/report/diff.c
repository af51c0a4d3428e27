/* diff.c — the report of `memscope diff`: the dumps' totals, the types
 * that changed, the objects that grew and the leak clusters, as a table,
 * TSV (one of the three tables) or JSON (all of it). */
#include "memscope/alloc.h"
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const side_name[3] = { "before", "after", "final" };

enum { TY_TYPE, TY_NEW, TY_FREED, TY_DELTA, TY_ALLOC, TY_FREED_BYTES, TY_SIZE_DELTA,
       TY_RET_BEFORE, TY_RET_AFTER, TY_RET_DELTA, TY_NCOLS };
/* The columns after the first, shared by the type and the site tables. */
#define CHANGE_COLS                                                                      \
    [TY_NEW] = { "new", "NEW", MS_COL_COUNT, NULL, 0 },                                   \
    [TY_FREED] = { "freed", "FREED", MS_COL_COUNT, NULL, 0 },                             \
    [TY_DELTA] = { "delta", "DELTA", MS_COL_DELTA, NULL, 0 },                             \
    [TY_ALLOC] = { "alloc_bytes", "ALLOC", MS_COL_BYTES, NULL, 0 },                       \
    [TY_FREED_BYTES] = { "freed_bytes", "FREED BYTES", MS_COL_BYTES, NULL, 0 },           \
    [TY_SIZE_DELTA] = { "size_delta", "SIZE DELTA", MS_COL_BYTES_DELTA, NULL, 0 },        \
    [TY_RET_BEFORE] = { "retained_before", "RETAINED BEFORE", MS_COL_BYTES, NULL, 0 },    \
    [TY_RET_AFTER] = { "retained_after", "RETAINED AFTER", MS_COL_BYTES, NULL, 0 },       \
    [TY_RET_DELTA] = { "retained_delta", "RETAINED DELTA", MS_COL_BYTES_DELTA, NULL, 0 }
static const ms_column type_cols[TY_NCOLS] = {
    [TY_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    CHANGE_COLS,
};
/* The same by allocation site (diff --by site), TY_TYPE naming the site. */
static const ms_column site_cols[TY_NCOLS] = {
    [TY_TYPE] = { "site", "SITE", MS_COL_STR, NULL, 80 },
    CHANGE_COLS,
};

enum { GR_ID, GR_TYPE, GR_BEFORE, GR_AFTER, GR_DELTA, GR_NCOLS };
static const ms_column grown_cols[GR_NCOLS] = {
    [GR_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [GR_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    [GR_BEFORE] = { "retained_before", "RETAINED BEFORE", MS_COL_BYTES, NULL, 0 },
    [GR_AFTER] = { "retained_after", "RETAINED AFTER", MS_COL_BYTES, NULL, 0 },
    [GR_DELTA] = { "retained_delta", "RETAINED DELTA", MS_COL_BYTES_DELTA, NULL, 0 },
};

enum { LK_CLUSTER, LK_COUNT, LK_RETAINED, LK_TYPE, LK_PATH, LK_NAME, LK_CHURN, LK_NCOLS };
static const ms_column leak_cols[LK_NCOLS] = {
    [LK_CLUSTER] = { "cluster", "CLUSTER", MS_COL_INT, NULL, 0 },
    [LK_COUNT] = { "count", "COUNT", MS_COL_COUNT, NULL, 0 },
    [LK_RETAINED] = { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
    [LK_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 60 },
    [LK_PATH] = { "path", "PATH", MS_COL_STR, NULL, 0 },
    [LK_NAME] = { "name", "NAME", MS_COL_STR, NULL, 60 },
    [LK_CHURN] = { "churn", "CHURN", MS_COL_STR, NULL, 0 },
};

/* "runtime", "bounded", "minor", or "" for a leak. */
static const char *churn_name(ms_churn c)
{
    return c == MS_CHURN_RUNTIME   ? "runtime"
           : c == MS_CHURN_BOUNDED ? "bounded"
           : c == MS_CHURN_MINOR   ? "minor"
                                   : "";
}

/* The cluster's name as a developer wrote it, or NULL. */
static const char *cluster_name(const ms_heap *h, const ms_leak_cluster *x, char *buf, size_t n)
{
    return x->name ? ms_fmt_name(ms_heap_str(h, x->name), buf, n) : NULL;
}

static bool changed(const ms_diff_row *r)
{
    return r->new_count || r->freed_count || r->count_before != r->count_after ||
           r->bytes_before != r->bytes_after || r->retained_before != r->retained_after;
}

static void type_table(const ms_diff_report *r, ms_table *t)
{
    const ms_diff *d = r->d;
    bool agg = d->identity == MS_IDENTITY_AGGREGATE;
    ms_table_init(t, r->by_site ? site_cols : type_cols, TY_NCOLS);
    uint32_t rows = 0;
    for (uint32_t k = 0; k < d->nrows && (!r->top || rows < r->top); k++) {
        const ms_diff_row *x = &d->rows[k];
        if (!changed(x))
            continue;
        rows++;
        ms_cell *c = ms_table_row(t);
        c[TY_TYPE].s = ms_strpool_get(&d->names, x->type);
        c[TY_NEW].u = x->new_count;
        c[TY_FREED].u = x->freed_count;
        c[TY_ALLOC].u = x->new_bytes;
        c[TY_FREED_BYTES].u = x->freed_bytes;
        c[TY_NEW].none = c[TY_FREED].none = c[TY_ALLOC].none = c[TY_FREED_BYTES].none = agg;
        c[TY_DELTA].i = agg ? (int64_t)x->count_after - (int64_t)x->count_before
                            : (int64_t)x->new_count - (int64_t)x->freed_count;
        c[TY_SIZE_DELTA].i = (int64_t)x->bytes_after - (int64_t)x->bytes_before;
        c[TY_RET_BEFORE].u = x->retained_before;
        c[TY_RET_AFTER].u = x->retained_after;
        c[TY_RET_DELTA].i = (int64_t)x->retained_after - (int64_t)x->retained_before;
    }
}

static void grown_table(const ms_diff_report *r, ms_table *t)
{
    const ms_heap *h = r->side[1]->h;
    ms_table_init(t, grown_cols, GR_NCOLS);
    for (uint32_t k = 0; k < r->d->ngrown; k++) {
        const ms_diff_grown *g = &r->d->grown[k];
        ms_cell *c = ms_table_row(t);
        c[GR_ID].u = h->id[g->node];
        c[GR_TYPE].s = ms_heap_type_name(h, g->node);
        c[GR_BEFORE].u = g->retained_before;
        c[GR_AFTER].u = g->retained_after;
        c[GR_DELTA].i = (int64_t)(g->retained_after - g->retained_before);
    }
}

/* The leak table; the path strings go to *lines (caller frees each and it). */
static void leak_table(const ms_diff_report *r, ms_table *t, char ***lines)
{
    const ms_diff *d = r->d;
    const ms_heap *h = r->side[2]->h;
    ms_table_init(t, leak_cols, LK_NCOLS);
    uint32_t rows = r->top && r->top < d->nclusters ? r->top : d->nclusters;
    *lines = ms_calloc((size_t)rows + 1, sizeof **lines);
    for (uint32_t k = 0; k < rows; k++) {
        const ms_leak_cluster *x = &d->clusters[k];
        ms_cell *c = ms_table_row(t);
        c[LK_CLUSTER].u = k + 1;
        c[LK_COUNT].u = x->count;
        c[LK_RETAINED].u = x->retained;
        c[LK_TYPE].s = ms_heap_str(h, x->type);
        (*lines)[k] = ms_path_line(h, d->leak_parent, x->first);
        c[LK_PATH].s = (*lines)[k];
        char nb[256];
        const char *name = cluster_name(h, x, nb, sizeof nb);
        c[LK_NAME].s = name ? ms_table_keep(t, name) : "";
        c[LK_CHURN].s = churn_name(x->churn);
    }
}

static void free_lines(char **lines, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(lines[k]);
    free(lines);
}

static const char *identity_name(ms_identity id)
{
    return id == MS_IDENTITY_ID ? "id" : id == MS_IDENTITY_ID_TYPE ? "id+type" : "aggregate";
}

static void json_grown(ms_jsonw *w, const ms_diff_report *r)
{
    const ms_heap *h = r->side[1]->h;
    ms_json_begin_array(w, "grown");
    for (uint32_t k = 0; k < r->d->ngrown; k++) {
        const ms_diff_grown *g = &r->d->grown[k];
        ms_json_begin_object(w, NULL);
        ms_json_u64(w, "id", h->id[g->node]);
        ms_json_str(w, "type", ms_heap_type_name(h, g->node));
        ms_json_u64(w, "retained_before", g->retained_before);
        ms_json_u64(w, "retained_after", g->retained_after);
        ms_json_i64(w, "retained_delta", (int64_t)(g->retained_after - g->retained_before));
        ms_json_path_to(w, "path", h, r->d->grown_parent, g->node);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static void json_leaks(ms_jsonw *w, const ms_diff_report *r)
{
    const ms_diff *d = r->d;
    const ms_heap *h = r->side[2]->h;
    uint32_t rows = r->top && r->top < d->nclusters ? r->top : d->nclusters;
    ms_json_begin_array(w, "leaks");
    for (uint32_t k = 0; k < rows; k++) {
        const ms_leak_cluster *x = &d->clusters[k];
        ms_json_begin_object(w, NULL);
        ms_json_u64(w, "cluster", k + 1);
        ms_json_str(w, "type", ms_heap_str(h, x->type));
        ms_json_u64(w, "count", x->count);
        ms_json_u64(w, "type_count", x->type_count);
        ms_json_u64(w, "objects", x->objects);
        ms_json_u64(w, "retained", x->retained);
        ms_json_name(w, h, x->name);
        if (x->holder != MS_NONE)
            ms_json_u64(w, "holder", h->id[x->holder]);
        else
            ms_json_null(w, "holder");
        if (x->churn)
            ms_json_str(w, "churn", churn_name(x->churn));
        else
            ms_json_null(w, "churn");
        ms_json_parts(w, "parts", h, x->parts, x->nparts);
        ms_json_holds(w, h, x->holds_type, x->holds_count, x->holds_retained, 0);
        ms_json_begin_array(w, "ids");
        for (uint32_t m = 0; m < x->count && m < 100; m++)
            ms_json_u64(w, NULL, h->id[d->members[x->members + m]]);
        ms_json_end_array(w);
        ms_json_path_to(w, "path", h, d->leak_parent, x->first);
        ms_json_str(w, "signature", x->signature ? x->signature : "");
        ms_json_bool(w, "known", x->known);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static void diff_json(FILE *f, const ms_diff_report *r)
{
    ms_jsonw w;
    ms_json_init(&w, f);
    ms_json_begin_object(&w, NULL);
    for (int k = 0; k < r->nsides; k++)
        ms_json_dump_totals(&w, side_name[k], r->side[k]);
    ms_json_u64(&w, "matched", r->d->matched);
    ms_json_str(&w, "identity", identity_name(r->d->identity));
    ms_table t;
    type_table(r, &t);
    ms_table_json(&t, &w, r->by_site ? "sites" : "types");
    ms_table_free(&t);
    json_grown(&w, r);
    if (r->nsides == 3) {
        ms_json_u64(&w, "leaked_objects", r->d->leaked_objects);
        ms_json_u64(&w, "leaked_retained", r->d->leaked_retained);
        ms_json_u64(&w, "churn_clusters", r->d->churn_clusters);
        ms_json_u64(&w, "churn_objects", r->d->churn_objects);
        ms_json_u64(&w, "churn_retained", r->d->churn_retained);
        json_leaks(&w, r);
        ms_json_series(&w, r);
    } else {
        ms_json_null(&w, "leaks");
    }
    ms_json_end_object(&w);
    ms_json_finish(&w);
}

enum { TO_DUMP, TO_OBJECTS, TO_BYTES, TO_ROBJ, TO_RBYTES, TO_NCOLS };
static const ms_column totals_cols[TO_NCOLS] = {
    [TO_DUMP] = { "dump", "DUMP", MS_COL_STR, NULL, 0 },
    [TO_OBJECTS] = { "objects", "OBJECTS", MS_COL_COUNT, NULL, 0 },
    [TO_BYTES] = { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    [TO_ROBJ] = { "reachable_objects", "REACHABLE", MS_COL_COUNT, NULL, 0 },
    [TO_RBYTES] = { "reachable_bytes", "REACHABLE BYTES", MS_COL_BYTES, NULL, 0 },
};

static void text_totals(FILE *f, const ms_diff_report *r)
{
    char a[64], b[64], c[64], e[64];
    ms_table t;
    ms_table_init(&t, totals_cols, TO_NCOLS);
    for (int k = 0; k < r->nsides; k++) {
        const ms_diff_side *x = r->side[k];
        ms_cell *cell = ms_table_row(&t);
        cell[TO_DUMP].s = side_name[k];
        cell[TO_OBJECTS].u = x->h->n;
        cell[TO_BYTES].u = x->h->total_size;
        cell[TO_ROBJ].u = x->dom->count;
        cell[TO_RBYTES].u = x->dom->retained[0];
    }
    for (int k = 0; k < r->nsides; k++) {
        fprintf(f, "%-6s  ", side_name[k]);
        ms_text_str(f, r->side[k]->h->source ? r->side[k]->h->source : "");
        fputc('\n', f);
    }
    ms_table_print(&t, f, 2);
    ms_table_free(&t);
    const ms_diff_side *x = r->side[0], *y = r->side[1];
    fprintf(f, "  after - before: %s objects, %s; reachable %s objects, %s\n",
            ms_fmt_delta((int64_t)y->h->n - (int64_t)x->h->n, a, sizeof a),
            ms_fmt_bytes_delta((int64_t)y->h->total_size - (int64_t)x->h->total_size, b, sizeof b),
            ms_fmt_delta((int64_t)y->dom->count - (int64_t)x->dom->count, c, sizeof c),
            ms_fmt_bytes_delta((int64_t)y->dom->retained[0] - (int64_t)x->dom->retained[0], e,
                               sizeof e));
    if (r->d->identity == MS_IDENTITY_AGGREGATE)
        fputs("  objects: compared by type only (the dumps share almost no ids)\n", f);
    else
        fprintf(f, "  objects matched by %s: %s of after's\n", identity_name(r->d->identity),
                ms_fmt_count(r->d->matched, a, sizeof a));
}

static void text_grown(FILE *f, const ms_diff_report *r)
{
    const ms_heap *h = r->side[1]->h;
    char a[64], b[64], c[64], t1[160];
    fputs("\nObjects whose retained size grew most:\n", f);
    if (!r->d->ngrown)
        fputs("  none\n", f);
    for (uint32_t k = 0; k < r->d->ngrown; k++) {
        const ms_diff_grown *g = &r->d->grown[k];
        fprintf(f, "  %u. ", k + 1);
        ms_text_str(f, ms_node_title(h, g->node, t1, sizeof t1, 60));
        fprintf(f, " %" PRIu64 " grew %s: %s -> %s\n", h->id[g->node],
                ms_fmt_bytes_delta((int64_t)(g->retained_after - g->retained_before), a, sizeof a),
                ms_fmt_bytes(g->retained_before, b, sizeof b),
                ms_fmt_bytes(g->retained_after, c, sizeof c));
        ms_text_path(f, h, r->d->grown_parent, g->node);
    }
}

static void text_leaks(FILE *f, const ms_diff_report *r)
{
    const ms_diff *d = r->d;
    const ms_heap *h = r->side[2]->h;
    char a[64], b[64], c[64];
    uint32_t leaks = d->nclusters;
    while (leaks && d->clusters[leaks - 1].churn)
        leaks--;
    fprintf(f, "\nLeaks (new in after, still in final): %s objects in %s cluster%s, "
               "retaining %s\n",
            ms_fmt_count(d->leaked_objects, a, sizeof a), ms_fmt_count(leaks, b, sizeof b),
            leaks == 1 ? "" : "s", ms_fmt_bytes(d->leaked_retained, c, sizeof c));
    if (d->churn_clusters)
        fprintf(f, "  churn %s: %s cluster%s of %s object%s retaining %s (the runtime's own, "
                   "bounded caches at their bound, minor ones)%s\n",
                d->nclusters > leaks ? "listed last" : "left out",
                ms_fmt_count(d->churn_clusters, a, sizeof a), d->churn_clusters == 1 ? "" : "s",
                ms_fmt_count(d->churn_objects, b, sizeof b), d->churn_objects == 1 ? "" : "s",
                ms_fmt_bytes(d->churn_retained, c, sizeof c),
                d->nclusters > leaks ? "" : "; --all-leaks lists them");
    uint32_t rows = r->top && r->top < d->nclusters ? r->top : d->nclusters;
    for (uint32_t k = 0; k < rows; k++) {
        const ms_leak_cluster *x = &d->clusters[k];
        fprintf(f, "  %u. ", k + 1);
        ms_text_name(f, h, x->name);
        fprintf(f, "%s object%s", ms_fmt_count(x->count, a, sizeof a), x->count == 1 ? "" : "s");
        if (x->type_count < x->count)
            fprintf(f, ", %s", ms_fmt_count(x->type_count, b, sizeof b));
        fputs(" of type ", f);
        ms_text_str(f, ms_heap_str(h, x->type));
        fprintf(f, "%s retain%s %s; e.g. %" PRIu64 "%s%s%s\n", x->type_count < x->count ? "," : "",
                x->count == 1 ? "s" : "", ms_fmt_bytes(x->retained, b, sizeof b),
                h->id[x->first], x->churn ? "; churn: " : "", churn_name(x->churn),
                x->known ? "; known (baseline)" : "");
        if (x->holds_count) {
            fprintf(f, "     holding %s object%s of type ",
                    ms_fmt_count(x->holds_count, a, sizeof a), x->holds_count == 1 ? "" : "s");
            ms_text_str(f, ms_heap_str(h, x->holds_type));
            fprintf(f, " retaining %s\n", ms_fmt_bytes(x->holds_retained, b, sizeof b));
        }
        ms_text_parts(f, h, x->parts, x->nparts);
        ms_text_path(f, h, d->leak_parent, x->first);
    }
    if (rows < d->nclusters)
        fprintf(f, "  (top %u of %s clusters)\n", rows, ms_fmt_count(d->nclusters, a, sizeof a));
}

static void diff_text(FILE *f, const ms_diff_report *r)
{
    text_totals(f, r);
    ms_table t;
    type_table(r, &t);
    fprintf(f, "\n%s that changed (by %s):\n", r->by_site ? "Allocation sites" : "Types",
            r->sort_name);
    if (t.nrows)
        ms_table_print(&t, f, 2);
    else
        fputs("  none\n", f);
    ms_table_free(&t);
    if (r->d->identity != MS_IDENTITY_AGGREGATE)
        text_grown(f, r);
    if (r->nsides == 3) {
        text_leaks(f, r);
        ms_text_series(f, r);
    }
}

void ms_report_diff(FILE *f, ms_format fmt, const ms_diff_report *r)
{
    if (fmt == MS_FORMAT_JSON) {
        diff_json(f, r);
        return;
    }
    if (fmt == MS_FORMAT_TABLE) {
        diff_text(f, r);
        return;
    }
    ms_table t;
    char **lines = NULL;
    if (r->tsv == MS_DIFF_TSV_GROWN)
        grown_table(r, &t);
    else if (r->tsv == MS_DIFF_TSV_LEAKS)
        leak_table(r, &t, &lines);
    else if (r->tsv == MS_DIFF_TSV_TYPES)
        type_table(r, &t);
    else
        ms_series_table(r, &t, &lines);
    ms_table_tsv(&t, f);
    if (lines)
        free_lines(lines, t.nrows);
    ms_table_free(&t);
}
