/* baseline.h — known findings: the leaks and growing collections a team
 * has already filed, which diff lists as known and leaves out of
 * --fail-over (baseline.c; the file's format is in memscope-format(5)).
 *
 * A baseline file is UTF-8 text, one finding a line, three fields between
 * tabs: its kind ("leak" or "collection"), its type, and its signature
 * (the retaining path with ids removed, ms_path_signature_text). Lines
 * starting with "#" and blank lines say nothing. */
#ifndef MEMSCOPE_BASELINE_H
#define MEMSCOPE_BASELINE_H

#include "memscope/common.h"
#include "memscope/strpool.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct ms_baseline {
    ms_strpool lines;    /* "kind\ttype\tsignature", each once */
    uint32_t count;      /* findings listed */
} ms_baseline;

/* Reads the baseline at path into *b (free with ms_baseline_free).
 * Returns MS_OK, MS_ERR_IO (cannot read: err says why), or MS_ERR_INPUT
 * ("FILE:LINE: cause": not UTF-8, not three fields, an unknown kind, an
 * empty field, a NUL byte, a carriage return before the line's end). */
ms_status ms_baseline_load(const char *path, ms_baseline *b, ms_error *err);
void ms_baseline_free(ms_baseline *b);

/* Whether b lists the finding (b NULL: no). */
bool ms_baseline_has(const ms_baseline *b, const char *kind, const char *type,
                     const char *signature);

/* Writes one finding's line to f, with type escaped as signatures are (tab,
 * newline, carriage return, backslash). */
void ms_baseline_write_line(FILE *f, const char *kind, const char *type,
                            const char *signature);

#endif
