/* parts.c — printing what a suspect or a leak cluster is made of (its
 * ms_suspect_parts), the same in analyze's and diff's reports. */
#include "memscope/reports.h"

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
