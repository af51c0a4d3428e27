/* finding.c — the pieces of a finding (a leak suspect, a leak cluster)
 * that analyze's and diff's reports print alike: the name it is reached
 * by, what it holds and what it is made of. */
#include "memscope/reports.h"

void ms_text_name(FILE *f, const ms_heap *h, uint32_t name)
{
    char nb[256];
    if (!name)
        return;
    ms_text_str(f, ms_fmt_name(ms_heap_str(h, name), nb, sizeof nb));
    fputs(": ", f);
}

void ms_json_name(ms_jsonw *w, const ms_heap *h, uint32_t name)
{
    char nb[256];
    if (name)
        ms_json_str(w, "name", ms_fmt_name(ms_heap_str(h, name), nb, sizeof nb));
    else
        ms_json_null(w, "name");
}

void ms_json_holds(ms_jsonw *w, const ms_heap *h, uint32_t type, uint32_t count,
                   uint64_t retained, uint32_t site)
{
    if (!count) {
        ms_json_null(w, "holds");
        return;
    }
    ms_json_begin_row(w, "holds");
    ms_json_str(w, "type", ms_heap_str(h, type));
    ms_json_u64(w, "count", count);
    ms_json_u64(w, "retained", retained);
    if (site)
        ms_json_str(w, "site", ms_heap_str(h, site));
    ms_json_end_object(w);
}

void ms_text_parts(FILE *f, const ms_heap *h, const ms_suspect_part *p, uint32_t n)
{
    char a[64], b[64];
    for (uint32_t k = 0; k < n; k++) {
        fputs(k ? ", " : "     made of ", f);
        ms_text_str(f, ms_heap_str(h, p[k].type));
        fprintf(f, " %s (%s)", ms_fmt_bytes(p[k].bytes, a, sizeof a),
                ms_fmt_count(p[k].count, b, sizeof b));
    }
    if (n)
        fputc('\n', f);
}

void ms_json_parts(ms_jsonw *w, const char *key, const ms_heap *h, const ms_suspect_part *p,
                   uint32_t n)
{
    ms_json_begin_array(w, key);
    for (uint32_t k = 0; k < n; k++) {
        ms_json_begin_row(w, NULL);
        ms_json_str(w, "type", ms_heap_str(h, p[k].type));
        ms_json_u64(w, "count", p[k].count);
        ms_json_u64(w, "bytes", p[k].bytes);
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}
