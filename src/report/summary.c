/* summary.c — the report of `memscope analyze`: totals, roots and the type
 * histogram, as a table, TSV (the type table) or JSON. */
#include "memscope/reports.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <string.h>

static const ms_column type_cols[] = {
    { "type", "TYPE", MS_COL_STR, NULL },
    { "count", "COUNT", MS_COL_COUNT, NULL },
    { "bytes", "BYTES", MS_COL_BYTES, NULL },
    { "percent", "% HEAP", MS_COL_PERCENT, NULL },
};

static void type_table(const ms_summary *s, ms_table *t)
{
    ms_table_init(t, type_cols, 4);
    uint32_t rows = s->top && s->top < s->ntypes ? s->top : s->ntypes;
    for (uint32_t i = 0; i < rows; i++) {
        const ms_type_row *r = &s->types[i];
        ms_cell *c = ms_table_row(t);
        c[0].s = ms_heap_str(s->h, r->type);
        c[1].u = r->count;
        c[2].u = r->bytes;
        c[3].d = s->h->total_size ? 100.0 * (double)r->bytes / (double)s->h->total_size : 0.0;
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

void ms_report_summary(FILE *f, ms_format fmt, const ms_summary *s)
{
    const ms_heap *h = s->h;
    ms_table t;
    type_table(s, &t);
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_init(&w, f);
        ms_json_begin_object(&w, NULL);
        ms_json_str(&w, "source", h->source ? h->source : "");
        if (h->meta_json)
            ms_json_raw(&w, "meta", h->meta_json);
        ms_json_u64(&w, "objects", h->n);
        ms_json_u64(&w, "references", h->m);
        ms_json_u64(&w, "bytes", h->total_size);
        ms_json_u64(&w, "dangling", h->dangling);
        ms_json_u64(&w, "roots", s->roots->count);
        ms_json_str(&w, "root_rule", ms_root_rule_name(s->roots->rule));
        ms_json_u64(&w, "type_count", s->ntypes);
        ms_json_str(&w, "sort", s->sort == MS_SORT_BYTES ? "bytes" : "count");
        ms_table_json(&t, &w, "types");
        ms_json_end_object(&w);
        ms_json_finish(&w);
    } else {
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
        fprintf(f, "  roots       %s (%s)\n", ms_fmt_count(s->roots->count, a, sizeof a),
                ms_root_rule_text(s->roots->rule));
        fprintf(f, "\nTypes by %s", s->sort == MS_SORT_BYTES ? "shallow bytes" : "count");
        if (t.nrows < s->ntypes)
            fprintf(f, " (top %zu of %s)", t.nrows, ms_fmt_count(s->ntypes, a, sizeof a));
        fputs(":\n", f);
        ms_table_print(&t, f, 2);
    }
    ms_table_free(&t);
}
