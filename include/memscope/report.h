/* report.h — printing results for people (aligned tables) and for scripts
 * (TSV with a header row, JSON).
 *
 * A report is built from ms_table values: typed columns (string, count,
 * bytes, id, percent) whose cells hold raw values. The same table prints as
 * an aligned table (sizes like "12.3 MiB", counts with thousands
 * separators), as TSV (raw integers; tab, newline and backslash escaped as
 * \t, \n, \\) or as a JSON array of objects keyed by column name: the same
 * numbers in every form. ms_jsonw writes JSON incrementally with exact
 * 64-bit integers. How text is escaped for each is escape.h's. */
#ifndef MEMSCOPE_REPORT_H
#define MEMSCOPE_REPORT_H

#include "memscope/escape.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum ms_format { MS_FORMAT_TABLE, MS_FORMAT_TSV, MS_FORMAT_JSON } ms_format;
/* Parses "table", "tsv" or "json"; returns 0, or -1 if unknown. */
int ms_format_parse(const char *s, ms_format *f);

/* ---- value formatting (src/report/fmt.c) ---------------------------- */

/* "512 B", "1.0 KiB", "12.3 MiB"... into buf; returns buf. */
char *ms_fmt_bytes(uint64_t v, char *buf, size_t n);
/* "1,234,567" into buf; returns buf. */
char *ms_fmt_count(uint64_t v, char *buf, size_t n);
/* Signed changes: "+1,234", "-12", "0"; "+1.2 MiB", "-512 B", "0 B". */
char *ms_fmt_delta(int64_t v, char *buf, size_t n);
char *ms_fmt_bytes_delta(int64_t v, char *buf, size_t n);
/* A reference's name as a developer wrote it: a dict key's quotes taken
 * off ('_PAGE_CACHE' -> _PAGE_CACHE, into buf), anything else as it is. */
const char *ms_fmt_name(const char *s, char *buf, size_t n);

/* ---- JSON writer (src/report/jsonw.c) ------------------------------- */

typedef struct ms_jsonw {
    FILE *f;
    int depth;
    bool first[64];  /* no element yet at this depth */
    int flat_from;   /* depth from which output stays on one line; 0 = none */
} ms_jsonw;

void ms_json_init(ms_jsonw *w, FILE *f);
/* key is NULL inside arrays. Objects and arrays nest up to 63 levels. */
void ms_json_begin_object(ms_jsonw *w, const char *key);
/* An object printed on one line (rows of a list). */
void ms_json_begin_row(ms_jsonw *w, const char *key);
void ms_json_end_object(ms_jsonw *w);
void ms_json_begin_array(ms_jsonw *w, const char *key);
void ms_json_end_array(ms_jsonw *w);
void ms_json_str(ms_jsonw *w, const char *key, const char *v);
void ms_json_u64(ms_jsonw *w, const char *key, uint64_t v);
void ms_json_i64(ms_jsonw *w, const char *key, int64_t v);
void ms_json_double(ms_jsonw *w, const char *key, double v, int decimals);
void ms_json_bool(ms_jsonw *w, const char *key, bool v);
void ms_json_null(ms_jsonw *w, const char *key);
/* Inserts already-valid JSON text. */
void ms_json_raw(ms_jsonw *w, const char *key, const char *json);
/* Ends the document with a newline. */
void ms_json_finish(ms_jsonw *w);

/* ---- tables (src/report/table.c) ------------------------------------ */

typedef enum ms_coltype {
    MS_COL_STR,      /* text */
    MS_COL_COUNT,    /* integer; "1,234" in tables */
    MS_COL_BYTES,    /* integer bytes; "1.2 MiB" in tables */
    MS_COL_ID,       /* object id; decimal everywhere */
    MS_COL_PERCENT,  /* double 0..100; "12.3%" in tables, 2 decimals elsewhere */
    MS_COL_INT,      /* plain integer, no separators */
    MS_COL_DELTA,    /* signed integer (cell.i); "+1,234" in tables */
    MS_COL_BYTES_DELTA /* signed bytes (cell.i); "+1.2 MiB", "-512 B" in tables */
} ms_coltype;

typedef struct ms_column {
    const char *name;   /* TSV header and JSON key: a public contract */
    const char *title;  /* table heading */
    ms_coltype type;
    /* How a cell marked none prints: this text in tables, TSV and JSON
     * (a JSON string); if NULL, empty in tables and TSV and null in JSON. */
    const char *none;
    /* Tables cut longer text to this display width, ending it with "…";
     * 0 = no limit. TSV and JSON always carry the whole text. */
    unsigned width;
} ms_column;

typedef struct ms_cell {
    union {
        const char *s;  /* borrowed: must outlive the table */
        uint64_t u;
        int64_t i;
        double d;
    };
    bool none;          /* no value: see ms_column.none */
} ms_cell;

typedef struct ms_table {
    const ms_column *cols;
    int ncols;
    ms_cell *cells;    /* nrows * ncols */
    size_t nrows, cap;
    struct ms_table_text *text; /* copies made by ms_table_keep */
} ms_table;

void ms_table_init(ms_table *t, const ms_column *cols, int ncols);
void ms_table_free(ms_table *t);
/* Appends a row and returns its cells to fill. */
ms_cell *ms_table_row(ms_table *t);
/* A copy of s that lives as long as the table, for a cell whose text
 * would not (a name written into a buffer of the caller's). */
const char *ms_table_keep(ms_table *t, const char *s);
/* Prints as an aligned table with a heading line, indented by indent. */
void ms_table_print(const ms_table *t, FILE *f, int indent);
/* Prints TSV: header row then rows. */
void ms_table_tsv(const ms_table *t, FILE *f);
/* Writes a JSON array of objects under key. */
void ms_table_json(const ms_table *t, ms_jsonw *w, const char *key);

#endif
