/* table.c — one table model printed three ways (see report.h). */
#include "memscope/alloc.h"
#include "memscope/report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

void ms_table_init(ms_table *t, const ms_column *cols, int ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

/* ms_table_keep's copies, in blocks of at least TEXT_BLOCK bytes. */
struct ms_table_text {
    struct ms_table_text *next;
    size_t used, cap;
    char bytes[];
};
enum { TEXT_BLOCK = 4096 };

void ms_table_free(ms_table *t)
{
    free(t->cells);
    for (struct ms_table_text *b = t->text, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    memset(t, 0, sizeof *t);
}

const char *ms_table_keep(ms_table *t, const char *s)
{
    size_t n = strlen(s) + 1;
    struct ms_table_text *b = t->text;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > TEXT_BLOCK ? n : TEXT_BLOCK;
        b = ms_malloc(sizeof *b + cap);
        b->next = t->text;
        b->used = 0;
        b->cap = cap;
        t->text = b;
    }
    char *copy = b->bytes + b->used;
    memcpy(copy, s, n);
    b->used += n;
    return copy;
}

ms_cell *ms_table_row(ms_table *t)
{
    MS_GROW(t->cells, t->cap, (t->nrows + 1) * (size_t)t->ncols);
    ms_cell *row = t->cells + t->nrows * (size_t)t->ncols;
    memset(row, 0, sizeof *row * (size_t)t->ncols);
    t->nrows++;
    return row;
}

/* Formats a cell for people into buf; returns the text. */
static const char *human(const ms_column *c, ms_cell v, char *buf, size_t n)
{
    if (v.none)
        return c->none ? c->none : "";
    switch (c->type) {
    case MS_COL_STR: return v.s ? v.s : "";
    case MS_COL_COUNT: return ms_fmt_count(v.u, buf, n);
    case MS_COL_BYTES: return ms_fmt_bytes(v.u, buf, n);
    case MS_COL_ID:
    case MS_COL_INT: snprintf(buf, n, "%" PRIu64, v.u); return buf;
    case MS_COL_PERCENT: snprintf(buf, n, "%.1f%%", v.d); return buf;
    case MS_COL_DELTA: return ms_fmt_delta(v.i, buf, n);
    case MS_COL_BYTES_DELTA: return ms_fmt_bytes_delta(v.i, buf, n);
    }
    return "";
}

/* The text of row r's cell c as a table shows it, cut to the column's
 * width: points into the cell, the column or buf. */
static const char *shown(const ms_table *t, size_t r, int c, char *buf, size_t n)
{
    const ms_column *col = &t->cols[c];
    const char *s = human(col, t->cells[r * (size_t)t->ncols + c], buf, n);
    if (col->width && s != buf)
        s = ms_text_cut(s, col->width, buf, n);
    return s;
}

void ms_table_print(const ms_table *t, FILE *f, int indent)
{
    size_t *w = ms_calloc((size_t)t->ncols, sizeof *w);
    char buf[MS_TEXT_CUT_MAX * 4 + 8];
    for (int c = 0; c < t->ncols; c++)
        w[c] = ms_text_width(t->cols[c].title);
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            size_t x = ms_text_width(shown(t, r, c, buf, sizeof buf));
            if (x > w[c])
                w[c] = x;
        }
    for (size_t r = 0; r <= t->nrows; r++) {
        fprintf(f, "%*s", indent, "");
        for (int c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->cols[c].title : shown(t, r - 1, c, buf, sizeof buf);
            size_t pad = w[c] - ms_text_width(s);
            bool last = c == t->ncols - 1;
            if (t->cols[c].type == MS_COL_STR) {
                ms_text_str(f, s);
                if (!last)
                    fprintf(f, "%*s", (int)pad, "");
            } else {
                fprintf(f, "%*s%s", (int)pad, "", s);
            }
            if (!last)
                fputs("  ", f);
        }
        fputc('\n', f);
    }
    free(w);
}

void ms_table_tsv(const ms_table *t, FILE *f)
{
    for (int c = 0; c < t->ncols; c++)
        fprintf(f, "%s%s", c ? "\t" : "", t->cols[c].name);
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            ms_cell v = t->cells[r * (size_t)t->ncols + c];
            if (c)
                fputc('\t', f);
            if (v.none) {
                ms_tsv_str(f, t->cols[c].none ? t->cols[c].none : "");
                continue;
            }
            switch (t->cols[c].type) {
            case MS_COL_STR: ms_tsv_str(f, v.s ? v.s : ""); break;
            case MS_COL_PERCENT: fprintf(f, "%.2f", v.d); break;
            case MS_COL_DELTA:
            case MS_COL_BYTES_DELTA: fprintf(f, "%" PRId64, v.i); break;
            default: fprintf(f, "%" PRIu64, v.u);
            }
        }
        fputc('\n', f);
    }
}

void ms_table_json(const ms_table *t, ms_jsonw *w, const char *key)
{
    ms_json_begin_array(w, key);
    for (size_t r = 0; r < t->nrows; r++) {
        ms_json_begin_row(w, NULL);
        for (int c = 0; c < t->ncols; c++) {
            ms_cell v = t->cells[r * (size_t)t->ncols + c];
            const ms_column *col = &t->cols[c];
            if (v.none) {
                if (col->none)
                    ms_json_str(w, col->name, col->none);
                else
                    ms_json_null(w, col->name);
                continue;
            }
            switch (col->type) {
            case MS_COL_STR: ms_json_str(w, col->name, v.s ? v.s : ""); break;
            case MS_COL_PERCENT: ms_json_double(w, col->name, v.d, 2); break;
            case MS_COL_DELTA:
            case MS_COL_BYTES_DELTA: ms_json_i64(w, col->name, v.i); break;
            default: ms_json_u64(w, col->name, v.u);
            }
        }
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}
