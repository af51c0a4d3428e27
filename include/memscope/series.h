/* series.h — growth across a series of dumps of one process (series.c):
 * `memscope diff D1 D2 ... Dn` with three dumps or more.
 *
 * A slow leak is noise between two dumps and plain across six: what grew
 * in every interval. Three views, each over all n dumps:
 *   - types (or sites): count and bytes in every dump, and whether the
 *     bytes grew in every interval (objgraph's show_growth in a loop,
 *     Pympler's SummaryTracker), the program's types before the runtime's
 *     own (a new shape for every new kind of object is not the leak);
 *   - growing collections: objects present in every dump whose element
 *     count grew in every interval (memlab's unbound-collection), with
 *     their retained size in every dump and their path in the last;
 *   - cohorts: the objects new in each dump and how many of them are still
 *     in the last one (memlab's growth cohorts): a steady leak keeps a
 *     share of every cohort, churn none but the last.
 * Objects are matched dump to dump as diff matches two (ms_diff_match);
 * without identity (dumps that share almost no objects) only the types
 * view is filled. */
#ifndef MEMSCOPE_SERIES_H
#define MEMSCOPE_SERIES_H

#include "memscope/analysis.h"

/* What a series is made of. back[k] (k = 0 .. n-2) maps dump k+1's nodes
 * to dump k's (MS_NONE: new in dump k+1); back NULL: no identity. */
typedef struct ms_series_input {
    const ms_diff_side *side;     /* [n] each dump's graph, tree and rows */
    uint32_t n;
    const uint32_t *const *back;
    const ms_roots *roots;        /* the last dump's */
} ms_series_input;

/* A type (or site) over the dumps; its values are counts[r*n + k] and
 * bytes[r*n + k] of ms_series. */
typedef struct ms_series_row {
    uint32_t name;                /* string index in ms_series.names */
    bool grew_every;              /* bytes grew in every interval */
    bool internal;                /* most of its objects in the last dump are the
                                   * runtime's own (MS_ROLE_ENGINE or
                                   * MS_ROLE_BASELINE: V8's shapes, code and
                                   * system objects, CPython's code): listed after
                                   * the program's */
    int64_t growth, count_growth; /* last dump's bytes (count) minus the first's */
} ms_series_row;

/* A collection whose element count grew in every interval; its values are
 * elements[c*n + k] and retained[c*n + k] of ms_series. */
typedef struct ms_series_collection {
    uint32_t node;                /* in the last dump */
    int64_t growth;               /* retained bytes, last dump minus first */
    int64_t element_growth;
    uint32_t name;                /* the name it is reached by (ms_path_name in the
                                   * last dump; string index, 0: none) */
    char *signature;              /* its retaining path without ids
                                   * (ms_path_signature_text): owned */
    bool known;                   /* listed in the baseline (baseline.c) */
} ms_series_collection;

/* The objects new in dump k+1 (interval k, 1-based in output), and of
 * those, the ones still in the last dump. */
typedef struct ms_series_cohort {
    uint64_t born, born_bytes;
    uint64_t alive, alive_bytes;
} ms_series_cohort;

typedef struct ms_series {
    uint32_t n;                   /* dumps */
    ms_strpool names;             /* the rows' names */
    ms_series_row *rows;          /* growing in every interval first, then by
                                   * growth descending, then name */
    uint32_t nrows;
    uint64_t *counts, *bytes;     /* [nrows * n] */
    ms_series_collection *coll;   /* by growth descending, then element growth,
                                   * then id */
    uint32_t ncoll;
    uint32_t *elements;           /* [ncoll * n] */
    uint64_t *retained;           /* [ncoll * n] */
    ms_series_cohort *cohorts;    /* [n - 1]; NULL without identity */
    uint32_t *parent;             /* the last dump's BFS parents toward the
                                   * collections (NULL if none) */
} ms_series;

/* Fills *out from in (free with ms_series_free). */
void ms_series_run(const ms_series_input *in, ms_series *out);
void ms_series_free(ms_series *s);

/* The element count of node v: the dump's len where it gives one, else its
 * strong references, counting through a V8 Map's or Set's "table" (the
 * ntable string indices of h whose text is "table"). */
uint32_t ms_series_elements(const ms_heap *h, uint32_t v, const uint32_t *table,
                            uint32_t ntable);

#endif
