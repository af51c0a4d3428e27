/* analysis.h — analyses over a heap graph. Each is a pure function of the
 * graph and its options; results are plain arrays owned by the caller. */
#ifndef MEMSCOPE_ANALYSIS_H
#define MEMSCOPE_ANALYSIS_H

#include "memscope/heap.h"

/* ---- roots (src/analysis/roots.c) ----------------------------------- */

/* How the roots were found, in order of preference. */
typedef enum ms_root_rule {
    MS_ROOTS_DUMP,          /* the header's "roots" and records marked "root" */
    MS_ROOTS_REFCOUNT,      /* CPython's collector rule on "rc" */
    MS_ROOTS_NO_REFERRERS   /* objects nothing references (strongly) */
} ms_root_rule;

typedef struct ms_roots {
    ms_root_rule rule;
    uint32_t *nodes;   /* owned; free() */
    uint32_t count;
} ms_roots;

/* Finds the roots of h by the first rule that applies: roots given by the
 * dump; else, if any record has "rc", tracked objects (gc absent counts as
 * tracked) whose rc exceeds their strong references from tracked objects;
 * else objects with no strong referrers. */
void ms_roots_find(const ms_heap *h, ms_roots *out);
void ms_roots_free(ms_roots *r);
/* Short machine name ("dump", "refcount", "no-referrers") and a phrase. */
const char *ms_root_rule_name(ms_root_rule rule);
const char *ms_root_rule_text(ms_root_rule rule);

/* ---- type histogram (src/analysis/types.c) -------------------------- */

typedef struct ms_type_row {
    uint32_t type;     /* string index of the type name */
    uint64_t count;
    uint64_t bytes;    /* shallow */
} ms_type_row;

typedef enum ms_type_sort { MS_SORT_BYTES, MS_SORT_COUNT } ms_type_sort;

/* Returns one row per distinct type, sorted by the key descending (ties:
 * the other key, then name). *nrows gets the count; free() the array. */
ms_type_row *ms_type_histogram(const ms_heap *h, ms_type_sort sort, uint32_t *nrows);

#endif
