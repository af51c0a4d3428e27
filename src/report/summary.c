/* summary.c — the report of `memscope analyze`: totals, roots, the type
 * histogram with retained sizes, the largest retainers, leak suspects,
 * cycles by shape and garbage, as a table, TSV (the type table) or JSON. */
#include "memscope/reports.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const ms_column type_cols[] = {
    { "type", "TYPE", MS_COL_STR, NULL, 0 },
    { "count", "COUNT", MS_COL_COUNT, NULL, 0 },
    { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    { "percent", "% HEAP", MS_COL_PERCENT, NULL, 0 },
    { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
};

static const ms_column retainer_cols[] = {
    { "id", "ID", MS_COL_ID, NULL, 0 },
    { "type", "TYPE", MS_COL_STR, NULL, 0 },
    { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
    { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
    { "percent", "%", MS_COL_PERCENT, NULL, 0 },
    { "name", "NAME", MS_COL_STR, NULL, 48 },
};

static const ms_column shape_cols[] = {
    { "shape", "SHAPE", MS_COL_STR, NULL, 80 },
    { "cycles", "CYCLES", MS_COL_COUNT, NULL, 0 },
    { "objects", "OBJECTS", MS_COL_COUNT, NULL, 0 },
    { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    { "garbage", "GARBAGE", MS_COL_COUNT, NULL, 0 },
};

static void type_table(const ms_summary *s, ms_table *t)
{
    ms_table_init(t, type_cols, 5);
    uint32_t rows = s->top && s->top < s->fi->ntypes ? s->top : s->fi->ntypes;
    for (uint32_t i = 0; i < rows; i++) {
        const ms_type_row *r = &s->fi->types[i];
        ms_cell *c = ms_table_row(t);
        c[0].s = ms_heap_str(s->h, r->type);
        c[1].u = r->count;
        c[2].u = r->bytes;
        c[3].d = s->h->total_size ? 100.0 * (double)r->bytes / (double)s->h->total_size : 0.0;
        c[4].u = r->retained;
    }
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void retainer_table(const ms_summary *s, ms_table *t)
{
    const ms_domtree *dt = &s->an->dom;
    ms_table_init(t, retainer_cols, 6);
    for (uint32_t i = 0; i < s->fi->nretainers; i++) {
        uint32_t v = s->fi->retainers[i];
        ms_cell *c = ms_table_row(t);
        c[0].u = s->h->id[v];
        c[1].s = ms_heap_type_name(s->h, v);
        c[2].u = ms_heap_size(s->h, v);
        c[3].u = ms_retained(dt, v);
        c[4].d = pct(c[3].u, dt->retained[0]);
        c[5].s = ms_heap_str(s->h, s->h->label[v]);
    }
}

static void shape_table(const ms_summary *s, ms_table *t)
{
    const ms_cycles *cy = &s->an->cycles;
    ms_table_init(t, shape_cols, 5);
    uint32_t rows = s->top && s->top < cy->nshapes ? s->top : cy->nshapes;
    for (uint32_t i = 0; i < rows; i++) {
        const ms_cycle_shape *sh = &cy->shapes[i];
        ms_cell *c = ms_table_row(t);
        c[0].s = sh->text;
        c[1].u = sh->cycles;
        c[2].u = sh->objects;
        c[3].u = sh->bytes;
        c[4].u = sh->garbage;
    }
}

static void json_suspects(ms_jsonw *w, const ms_summary *s)
{
    const ms_heap *h = s->h;
    ms_json_begin_array(w, "suspects");
    for (uint32_t i = 0; i < s->fi->nsuspects; i++) {
        const ms_suspect *x = &s->fi->suspects[i];
        ms_json_begin_object(w, NULL);
        ms_json_str(w, "kind", x->group ? "group" : "object");
        ms_json_u64(w, "id", h->id[x->node]);
        ms_json_str(w, "type", ms_heap_str(h, x->type));
        ms_json_u64(w, "retained", x->retained);
        ms_json_double(w, "percent", pct(x->retained, s->an->dom.retained[0]), 2);
        ms_json_u64(w, "count", x->count);
        ms_json_bool(w, "below_threshold", x->below);
        ms_json_name(w, h, x->name);
        ms_json_parts(w, "parts", h, x->parts, x->nparts);
        ms_json_holds(w, h, x->holds_type, x->holds_count, x->holds_retained, x->holds_site);
        ms_json_path_to(w, "path", h, s->fi->parent, x->node);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static void text_suspect(FILE *f, const ms_summary *s, uint32_t i)
{
    const ms_heap *h = s->h;
    const ms_suspect *x = &s->fi->suspects[i];
    char a[64], b[64], t1[160];
    double p = pct(x->retained, s->an->dom.retained[0]);
    fprintf(f, "  %u. ", i + 1);
    ms_text_name(f, h, x->name);
    if (x->group) {
        fprintf(f, "%s objects of type ", ms_fmt_count(x->count, a, sizeof a));
        ms_text_str(f, ms_heap_str(h, x->type));
        fprintf(f, ", each held from a root of its own, retain %s (%.1f%%)\n",
                ms_fmt_bytes(x->retained, b, sizeof b), p);
        fprintf(f, "     largest: %" PRIu64 "\n", h->id[x->node]);
    } else {
        ms_text_str(f, ms_node_title(h, x->node, t1, sizeof t1, 60));
        fprintf(f, " %" PRIu64 " retains %s (%.1f%%)\n", h->id[x->node],
                ms_fmt_bytes(x->retained, a, sizeof a), p);
        if (x->holds_count) {
            fprintf(f, "     holds %s objects of type ", ms_fmt_count(x->holds_count, a, sizeof a));
            ms_text_str(f, ms_heap_str(h, x->holds_type));
            fprintf(f, " retaining %s\n", ms_fmt_bytes(x->holds_retained, b, sizeof b));
            if (x->holds_site) {
                fputs("     allocated at ", f);
                ms_text_str(f, ms_heap_str(h, x->holds_site));
                fprintf(f, " (%s of %s)\n", ms_fmt_count(x->holds_site_count, a, sizeof a),
                        ms_fmt_count(x->holds_typed, b, sizeof b));
            }
        }
    }
    ms_text_parts(f, h, x->parts, x->nparts);
    ms_text_path(f, h, s->fi->parent, x->node);
}

static void text_suspects(FILE *f, const ms_summary *s)
{
    fprintf(f, "\nLeak suspects (retaining at least %g%% of the reachable heap):\n",
            s->threshold);
    uint32_t above = 0;
    while (above < s->fi->nsuspects && !s->fi->suspects[above].below)
        above++;
    if (!above)
        fputs("  none\n", f);
    for (uint32_t i = 0; i < s->fi->nsuspects; i++) {
        if (i == above)
            fprintf(f, "Under the threshold, the strongest accumulation points:\n");
        text_suspect(f, s, i);
    }
}

/* "CPython 3.11.2, pid 4242, 2026-11-21T10:00:00Z" from the header's meta,
 * read with cJSON (it is small and only displayed). */
static void meta_line(const char *meta, char *buf, size_t n)
{
    buf[0] = '\0';
    cJSON *m = meta ? cJSON_Parse(meta) : NULL;
    if (!m)
        return;
    static const char *keys[] = { "runtime", "version", "pid", "time" };
    size_t o = 0;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(m, keys[i]);
        char val[128];
        if (cJSON_IsString(v))
            snprintf(val, sizeof val, "%s", v->valuestring);
        else if (cJSON_IsNumber(v))
            snprintf(val, sizeof val, "%.0f", v->valuedouble);
        else
            continue;
        const char *sep = o == 0 ? "" : i == 1 ? " " : ", ";
        const char *label = strcmp(keys[i], "pid") == 0 ? "pid " : "";
        int k = snprintf(buf + o, n - o, "%s%s%s", sep, label, val);
        if (k < 0 || (size_t)k >= n - o)
            break;
        o += (size_t)k;
    }
    cJSON_Delete(m);
}

static const char *sort_name(ms_type_sort k)
{
    return k == MS_SORT_BYTES ? "bytes" : k == MS_SORT_COUNT ? "count" : "retained";
}

/* The detached DOM's types, one row each. */
enum { DT_TYPE, DT_COUNT, DT_BYTES, DT_RETAINED, DT_NCOLS };
static const ms_column detached_cols[DT_NCOLS] = {
    [DT_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
    [DT_COUNT] = { "count", "COUNT", MS_COL_COUNT, NULL, 0 },
    [DT_BYTES] = { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    [DT_RETAINED] = { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
};

static void detached_table(const ms_summary *s, uint32_t top, ms_table *t)
{
    const ms_detached *d = &s->fi->detached;
    ms_table_init(t, detached_cols, DT_NCOLS);
    uint32_t rows = top && top < d->ntypes ? top : d->ntypes;
    for (uint32_t i = 0; i < rows; i++) {
        ms_cell *c = ms_table_row(t);
        c[DT_TYPE].s = ms_heap_str(s->h, d->types[i].type);
        c[DT_COUNT].u = d->types[i].count;
        c[DT_BYTES].u = d->types[i].bytes;
        c[DT_RETAINED].u = d->types[i].retained;
    }
}

/* "detached": {count, bytes, retained, types, holders}. Every type row is
 * written whatever --top says: the counts must add up. */
static void json_detached(ms_jsonw *w, const ms_summary *s)
{
    const ms_heap *h = s->h;
    const ms_detached *d = &s->fi->detached;
    ms_json_begin_object(w, "detached");
    ms_json_u64(w, "count", d->count);
    ms_json_u64(w, "bytes", d->bytes);
    ms_json_u64(w, "retained", d->retained);
    ms_table t;
    detached_table(s, 0, &t);
    ms_table_json(&t, w, "types");
    ms_table_free(&t);
    ms_json_begin_array(w, "holders");
    for (uint32_t i = 0; i < d->nholders; i++) {
        const ms_detached_holder *x = &d->holders[i];
        ms_json_begin_object(w, NULL);
        if (x->node == MS_NONE) {
            ms_json_null(w, "id");
            ms_json_null(w, "type");
        } else {
            ms_json_u64(w, "id", h->id[x->node]);
            ms_json_str(w, "type", ms_heap_type_name(h, x->node));
        }
        ms_json_u64(w, "count", x->count);
        ms_json_u64(w, "retained", x->retained);
        ms_json_path_to(w, "path", h, s->fi->parent, x->node);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
    ms_json_end_object(w);
}

static void text_detached(FILE *f, const ms_summary *s)
{
    const ms_heap *h = s->h;
    const ms_detached *d = &s->fi->detached;
    char a[64], b[64], c[64], t1[160];
    if (!d->count) {
        fputs("\nDetached DOM: none\n", f);
        return;
    }
    fprintf(f, "\nDetached DOM (nodes outside any document, still reachable): %s nodes, %s, "
               "retaining %s:\n",
            ms_fmt_count(d->count, a, sizeof a), ms_fmt_bytes(d->bytes, b, sizeof b),
            ms_fmt_bytes(d->retained, c, sizeof c));
    ms_table t;
    detached_table(s, s->top, &t);
    ms_table_print(&t, f, 2);
    if (t.nrows < d->ntypes)
        fprintf(f, "  (top %zu of %s types)\n", t.nrows, ms_fmt_count(d->ntypes, a, sizeof a));
    ms_table_free(&t);
    fputs("  held by:\n", f);
    uint32_t rows = s->top && s->top < d->nholders ? s->top : d->nholders;
    for (uint32_t i = 0; i < rows; i++) {
        const ms_detached_holder *x = &d->holders[i];
        fprintf(f, "  %u. ", i + 1);
        if (x->node == MS_NONE) {
            fprintf(f, "nothing reachable holds %s of them\n", ms_fmt_count(x->count, a, sizeof a));
            continue;
        }
        ms_text_str(f, ms_node_title(h, x->node, t1, sizeof t1, 60));
        fprintf(f, " %" PRIu64 " holds %s detached nodes, retains %s\n", h->id[x->node],
                ms_fmt_count(x->count, a, sizeof a), ms_fmt_bytes(x->retained, b, sizeof b));
        ms_text_path(f, h, s->fi->parent, x->node);
    }
    if (rows < d->nholders)
        fprintf(f, "  (top %u of %s holders)\n", rows, ms_fmt_count(d->nholders, a, sizeof a));
}

/* Whether the largest baseline object is worth naming in the totals: 10%
 * of the reachable heap or more (Ruby's allocation tracer's table). */
static bool baseline_named(const ms_summary *s)
{
    uint32_t v = s->fi->baseline_largest;
    return v != MS_NONE && ms_heap_size(s->h, v) * 10 >= s->an->dom.retained[0];
}

/* "  baseline    9.8 MiB of it (45.2%): the runtime's own, never a suspect"
 * and, when big, its largest object by name. */
static void text_baseline(FILE *f, const ms_summary *s)
{
    const ms_findings *fi = s->fi;
    char a[64], t1[160];
    if (!fi->has_baseline)
        return;
    fprintf(f, "  baseline    %s of it (%.1f%%): the runtime's own, never a suspect\n",
            ms_fmt_bytes(fi->baseline_bytes, a, sizeof a),
            pct(fi->baseline_bytes, s->an->dom.retained[0]));
    if (baseline_named(s)) {
        uint32_t v = fi->baseline_largest;
        fputs("              of which ", f);
        ms_text_str(f, ms_node_title(s->h, v, t1, sizeof t1, 60));
        fprintf(f, " %" PRIu64 ": %s (%.1f%%)\n", s->h->id[v],
                ms_fmt_bytes(ms_heap_size(s->h, v), a, sizeof a),
                pct(ms_heap_size(s->h, v), s->an->dom.retained[0]));
    }
}

static void json_baseline(ms_jsonw *w, const ms_summary *s)
{
    const ms_findings *fi = s->fi;
    if (!fi->has_baseline) {
        ms_json_null(w, "baseline");
        return;
    }
    ms_json_begin_object(w, "baseline");
    ms_json_u64(w, "objects", fi->baseline_objects);
    ms_json_u64(w, "bytes", fi->baseline_bytes);
    if (baseline_named(s)) {
        uint32_t v = fi->baseline_largest;
        ms_json_begin_row(w, "largest");
        ms_json_u64(w, "id", s->h->id[v]);
        ms_json_str(w, "type", ms_heap_type_name(s->h, v));
        if (s->h->label[v])
            ms_json_str(w, "name", ms_heap_str(s->h, s->h->label[v]));
        else
            ms_json_null(w, "name");
        ms_json_u64(w, "bytes", ms_heap_size(s->h, v));
        ms_json_end_object(w);
    } else {
        ms_json_null(w, "largest");
    }
    ms_json_end_object(w);
}

static void summary_json(FILE *f, const ms_summary *s, const ms_table *types)
{
    const ms_heap *h = s->h;
    const ms_garbage *g = &s->fi->garbage;
    ms_jsonw w;
    ms_json_report_begin(&w, f, h);
    if (h->meta_json)
        ms_json_raw(&w, "meta", h->meta_json);
    ms_json_u64(&w, "objects", h->n);
    ms_json_u64(&w, "references", h->m);
    ms_json_u64(&w, "bytes", h->total_size);
    ms_json_u64(&w, "dangling", h->dangling);
    ms_json_u64(&w, "roots", s->an->roots.count);
    ms_json_str(&w, "root_rule", ms_root_rule_name(s->an->roots.rule));
    ms_json_u64(&w, "reachable_objects", s->an->dom.count);
    ms_json_u64(&w, "reachable_bytes", s->an->dom.retained[0]);
    json_baseline(&w, s);
    ms_json_u64(&w, "type_count", s->fi->ntypes);
    ms_json_str(&w, "sort", sort_name(s->sort));
    ms_table_json(types, &w, "types");
    ms_table rt;
    retainer_table(s, &rt);
    ms_table_json(&rt, &w, "top_retainers");
    ms_table_free(&rt);
    const ms_cycles *cy = &s->an->cycles;
    ms_json_begin_object(&w, "cycles");
    ms_json_u64(&w, "count", cy->count);
    ms_json_u64(&w, "objects", cy->objects);
    ms_json_u64(&w, "bytes", cy->bytes);
    ms_json_u64(&w, "shape_count", cy->nshapes);
    ms_table st;
    shape_table(s, &st);
    ms_table_json(&st, &w, "shapes");
    ms_table_free(&st);
    ms_json_end_object(&w);
    ms_json_begin_object(&w, "garbage");
    ms_json_u64(&w, "objects", g->objects);
    ms_json_u64(&w, "bytes", g->bytes);
    ms_json_u64(&w, "tracked", g->tracked);
    ms_json_u64(&w, "cycles", g->cycles);
    ms_json_u64(&w, "in_cycles", g->in_cycles);
    ms_json_u64(&w, "finalizers", g->finalizers);
    ms_json_u64(&w, "finalizer_cycles", g->finalizer_cycles);
    ms_json_end_object(&w);
    ms_json_double(&w, "threshold", s->threshold, 2);
    json_suspects(&w, s);
    if (s->fi->detached.has_dom)
        json_detached(&w, s);
    if (s->sites)
        ms_json_sites(&w, "sites", h, s->sites, s->top);
    ms_json_report_end(&w);
}

/* The header: source, meta, totals, roots and what they reach. */
static void text_header(FILE *f, const ms_summary *s)
{
    const ms_heap *h = s->h;
    char a[64], b[64], meta[256];
    ms_text_str(f, h->source ? h->source : "");
    fputc('\n', f);
    meta_line(h->meta_json, meta, sizeof meta);
    if (meta[0])
        fprintf(f, "  meta        %s\n", meta);
    fprintf(f, "  objects     %s\n", ms_fmt_count(h->n, a, sizeof a));
    fprintf(f, "  references  %s\n", ms_fmt_count(h->m, a, sizeof a));
    fprintf(f, "  bytes       %s", ms_fmt_bytes(h->total_size, a, sizeof a));
    if (h->total_size >= 1024)
        fprintf(f, " (%s)", ms_fmt_count(h->total_size, b, sizeof b));
    fputc('\n', f);
    fprintf(f, "  dangling    %s\n", ms_fmt_count(h->dangling, a, sizeof a));
    fprintf(f, "  roots       %s (%s)\n", ms_fmt_count(s->an->roots.count, a, sizeof a),
            ms_root_rule_text(s->an->roots.rule));
    fprintf(f, "  reachable   %s objects, %s\n", ms_fmt_count(s->an->dom.count, a, sizeof a),
            ms_fmt_bytes(s->an->dom.retained[0], b, sizeof b));
    text_baseline(f, s);
}

/* Cycles by shape, then garbage; or, where the runtime's collector traces
 * from its roots (V8), the one line saying why neither is a finding. */
static void text_cycles_garbage(FILE *f, const ms_summary *s)
{
    const ms_garbage *g = &s->fi->garbage;
    const ms_cycles *cy = &s->an->cycles;
    char a[64], b[64], c[64], d[64];
    if (s->h->tracing_gc) {
        fputs("\nCycles and garbage: not findings here: this runtime's collector frees "
              "unreachable cycles (memscope cycles lists them)\n", f);
        return;
    }
    if (!cy->count)
        fputs("\nCycles: none\n", f);
    else
        fprintf(f, "\nCycles: %s, %s objects, %s; %s garbage", ms_fmt_count(cy->count, a, sizeof a),
                ms_fmt_count(cy->objects, b, sizeof b), ms_fmt_bytes(cy->bytes, c, sizeof c),
                ms_fmt_count(g->cycles, d, sizeof d));
    if (cy->nshapes) {
        ms_table st;
        shape_table(s, &st);
        fprintf(f, "; by shape");
        if (st.nrows < cy->nshapes)
            fprintf(f, " (top %zu of %s)", st.nrows, ms_fmt_count(cy->nshapes, a, sizeof a));
        fputs(":\n", f);
        ms_table_print(&st, f, 2);
        ms_table_free(&st);
    }
    if (!g->objects) {
        fputs("\nGarbage (unreachable from the roots): none\n", f);
        return;
    }
    fprintf(f, "\nGarbage (unreachable from the roots): %s objects, %s",
            ms_fmt_count(g->objects, a, sizeof a), ms_fmt_bytes(g->bytes, b, sizeof b));
    fprintf(f, "; %s tracked", ms_fmt_count(g->tracked, a, sizeof a));
    fprintf(f, "; %s in %s cycles\n", ms_fmt_count(g->in_cycles, a, sizeof a),
            ms_fmt_count(g->cycles, b, sizeof b));
    ms_report_finalizers(f, g);
}

static void summary_text(FILE *f, const ms_summary *s, const ms_table *types)
{
    char a[64];
    text_header(f, s);
    fprintf(f, "\nTypes by %s", s->sort == MS_SORT_BYTES   ? "shallow bytes"
                                : s->sort == MS_SORT_COUNT ? "count"
                                                           : "retained bytes");
    if (types->nrows < s->fi->ntypes)
        fprintf(f, " (top %zu of %s)", types->nrows, ms_fmt_count(s->fi->ntypes, a, sizeof a));
    fputs(":\n", f);
    ms_table_print(types, f, 2);
    ms_table rt;
    retainer_table(s, &rt);
    fputs("\nLargest retainers:\n", f);
    if (rt.nrows)
        ms_table_print(&rt, f, 2);
    else
        fputs("  none (nothing is reachable)\n", f);
    ms_table_free(&rt);
    text_suspects(f, s);
    if (s->fi->detached.has_dom)
        text_detached(f, s);
    if (s->sites) {
        fputs("\nSites by retained bytes (where the objects were allocated):\n", f);
        ms_text_sites(f, s->h, s->sites, s->top);
    }
    text_cycles_garbage(f, s);
}

void ms_report_summary(FILE *f, ms_format fmt, const ms_summary *s)
{
    ms_table t;
    type_table(s, &t);
    if (fmt == MS_FORMAT_TSV)
        ms_table_tsv(&t, f);
    else if (fmt == MS_FORMAT_JSON)
        summary_json(f, s, &t);
    else
        summary_text(f, s, &t);
    ms_table_free(&t);
}
