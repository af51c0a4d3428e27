/* jsonw.c — an incremental JSON writer (see report.h). Integers are printed
 * from uint64_t, so ids up to 2^64-1 are exact. Output is indented with two
 * spaces per level for readability; it stays valid JSON. */
#include "memscope/report.h"

#include <inttypes.h>
#include <math.h>

void ms_json_init(ms_jsonw *w, FILE *f)
{
    w->f = f;
    w->depth = 0;
    w->first[0] = true;
    w->flat_from = 0;
}

static void indent(ms_jsonw *w)
{
    if (w->flat_from && w->depth >= w->flat_from)
        return;
    fputc('\n', w->f);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->f);
}

static void prefix(ms_jsonw *w, const char *key)
{
    if (w->depth > 0) {
        if (!w->first[w->depth])
            fputs(w->flat_from && w->depth >= w->flat_from ? ", " : ",", w->f);
        indent(w);
    }
    w->first[w->depth] = false;
    if (key) {
        ms_json_quote(w->f, key);
        fputs(": ", w->f);
    }
}

static void open_(ms_jsonw *w, const char *key, char c)
{
    prefix(w, key);
    fputc(c, w->f);
    if (w->depth < 63)
        w->depth++;
    w->first[w->depth] = true;
}

static void close_(ms_jsonw *w, char c)
{
    bool empty = w->first[w->depth];
    bool flat = w->flat_from && w->depth >= w->flat_from;
    if (w->flat_from && w->depth == w->flat_from)
        w->flat_from = 0;
    if (w->depth > 0)
        w->depth--;
    if (!empty && !flat)
        indent(w);
    fputc(c, w->f);
}

void ms_json_begin_object(ms_jsonw *w, const char *key) { open_(w, key, '{'); }
void ms_json_end_object(ms_jsonw *w) { close_(w, '}'); }
void ms_json_begin_row(ms_jsonw *w, const char *key)
{
    open_(w, key, '{');
    if (!w->flat_from)
        w->flat_from = w->depth;
}
void ms_json_begin_array(ms_jsonw *w, const char *key) { open_(w, key, '['); }
void ms_json_end_array(ms_jsonw *w) { close_(w, ']'); }

void ms_json_str(ms_jsonw *w, const char *key, const char *v)
{
    prefix(w, key);
    ms_json_quote(w->f, v);
}

void ms_json_u64(ms_jsonw *w, const char *key, uint64_t v)
{
    prefix(w, key);
    fprintf(w->f, "%" PRIu64, v);
}

void ms_json_i64(ms_jsonw *w, const char *key, int64_t v)
{
    prefix(w, key);
    fprintf(w->f, "%" PRId64, v);
}

void ms_json_double(ms_jsonw *w, const char *key, double v, int decimals)
{
    prefix(w, key);
    if (!isfinite(v))
        fputs("null", w->f);
    else
        fprintf(w->f, "%.*f", decimals, v);
}

void ms_json_bool(ms_jsonw *w, const char *key, bool v)
{
    prefix(w, key);
    fputs(v ? "true" : "false", w->f);
}

void ms_json_null(ms_jsonw *w, const char *key)
{
    prefix(w, key);
    fputs("null", w->f);
}

void ms_json_raw(ms_jsonw *w, const char *key, const char *json)
{
    prefix(w, key);
    fputs(json, w->f);
}

void ms_json_finish(ms_jsonw *w)
{
    fputc('\n', w->f);
}
