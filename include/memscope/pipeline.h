/* pipeline.h — what each command asks of the analyses, in one call: the
 * entry points src/cli/ uses, so that the commands only parse, load and
 * print. Nothing here prints; what a command may warn about comes back in
 * the results.
 *
 *   ms_analysis_run (analysis.h)  the graph analyses every command starts from
 *   ms_overview_*                 what `analyze` and `report` show
 *   ms_path_*, ms_diagram_type*   the objects OBJ names; `path`'s path
 *   ms_diff_dump_* / ms_diff_run  `diff` and report's diff section
 */
#ifndef MEMSCOPE_PIPELINE_H
#define MEMSCOPE_PIPELINE_H

#include "memscope/analysis.h"
#include "memscope/heap.h"

/* ---- analyze (src/analysis/overview.c) ------------------------------ */
/* Everything `analyze` prints about a dump: the analyses, the findings and
 * the sites by innermost frame (when the dump has sites). */
typedef struct ms_overview {
    ms_analysis an;
    ms_findings fi;
    ms_site_table st;      /* zeroed when the dump has no sites */
    double t_analyses;     /* seconds in ms_analysis_run */
    double t_findings;     /* seconds in ms_findings_run */
    long rss_analyses;     /* peak resident KiB once the analyses were done */
} ms_overview;
/* Fills out for h; free with ms_overview_free (h stays the caller's). */
void ms_overview_build(ms_heap *h, ms_type_sort sort, uint32_t top, double threshold,
                       ms_overview *out);
void ms_overview_free(ms_overview *x);
/* Peak resident memory of the process so far, KiB. */
long ms_peak_rss_kib(void);
/* For the refcount rule's inconsistent dump (roots.inconsistent): how many
 * strong references tracked objects hold to node v. */
uint32_t ms_roots_tracked_refs(const ms_heap *h, uint32_t v);

/* ---- the objects OBJ names (src/analysis/objects.c) ----------------- */
/* The nodes named by OBJ: id (exact), or with type_name != NULL every
 * object of that type, in dump order. Returns MS_OK with *nodes (caller
 * frees) and *n >= 1, or MS_ERR_NOTFOUND. */
ms_status ms_path_targets(const ms_heap *h, uint64_t id, const char *type_name,
                          uint32_t **nodes, uint32_t *n);
/* The string index of type name if an object of h has it, else UINT32_MAX
 * (graph's --filter, --ignore, --highlight). */
uint32_t ms_diagram_type(const ms_heap *h, const char *name);
/* graph's type:NAME: the objects of type name retaining most, at most
 * limit (0 = all): nodes (caller frees, NULL if none) and *count. */
uint32_t *ms_diagram_type_starts(const ms_heap *h, const ms_analysis *a, const char *name,
                                 uint32_t limit, uint32_t *count);

/* ---- path (src/analysis/overview.c) --------------------------------- */
/* The shortest path from a root to the nearest of targets: *path (caller
 * frees) from the root, returns its length, 0 if every target is garbage. */
uint32_t ms_path_find(const ms_heap *h, const ms_roots *roots, const uint32_t *targets,
                      uint32_t ntargets, uint32_t **path);

/* ---- diff (src/analysis/diff_run.c) --------------------------------- */
/* One dump as diff needs it: its analyses (ms_analysis_run with
 * MS_RUN_DOMINATORS, done by the caller) and its histogram by type or by
 * allocation site. */
typedef struct ms_diff_dump {
    ms_heap *h;            /* owned: ms_diff_dump_free frees it */
    ms_analysis an;
    ms_type_row *types;
    uint32_t ntypes;
    uint32_t *site_key;    /* by site: each object's innermost frame, or "(no site)" */
    ms_diff_side side;
} ms_diff_dump;
/* Fills d's histogram after d->h and d->an are set; by_site needs
 * d->h->site. */
void ms_diff_dump_build(ms_diff_dump *d, bool by_site);
void ms_diff_dump_free(ms_diff_dump *d);
/* The pid in a dump's meta, or -1. */
double ms_diff_meta_pid(const ms_heap *h);

typedef struct ms_diff_opts {
    ms_diff_sort sort;
    uint32_t top;          /* grown objects kept (0 = all) */
    bool all_leaks;        /* keep the churn clusters */
    /* The dumps' reader keeps an object's id for the life of the process
     * (ms_reader.stable_ids): match by id alone, else by id and type. */
    bool stable_ids;
    const struct ms_baseline *baseline; /* known findings, or NULL */
} ms_diff_opts;
/* Why the dumps were compared by type only, if they were. */
typedef struct ms_diff_run_info {
    bool aggregate;        /* fewer than one in ten objects share an id and type */
    uint64_t shared, smaller; /* objects shared, and the smaller dump's count */
    double t_match, t_types, t_grown, t_leaks, t_series; /* seconds */
} ms_diff_run_info;
/* Compares d[0..n) (n >= 2) into *out (free with ms_diff_free): matching,
 * types, grown objects, and with three dumps or more the leaks of
 * d[0], d[n-2] and d[n-1] (before, after, final) and, into *series (free
 * with ms_series_free), the growth over all n. */
struct ms_series;
void ms_diff_run(ms_diff_dump *d, int n, const ms_diff_opts *o, ms_diff *out,
                 struct ms_series *series, ms_diff_run_info *info);

#endif
