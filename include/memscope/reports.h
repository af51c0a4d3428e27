/* reports.h — the report of each command, printed in the chosen format.
 * Keys and column names here are a public contract (memscope(1)). */
#ifndef MEMSCOPE_REPORTS_H
#define MEMSCOPE_REPORTS_H

#include "memscope/analysis.h"
#include "memscope/diagram.h"
#include "memscope/heap.h"
#include "memscope/report.h"

/* ---- pieces every report shares ------------------------------------ */

/* "dict", or "function handle_request": a node's type and name or value,
 * the name cut to about max bytes (ending "..."), for tables. Returns buf
 * (n bytes) (src/report/node.c). */
const char *ms_node_title(const ms_heap *h, uint32_t node, char *buf, size_t n, size_t max);
/* The kind of root node is, as the dump names it ("global_tbl"), or NULL:
 * a string of h (src/report/node.c). */
const char *ms_node_root_kind(const ms_heap *h, uint32_t node);
/* Name of the edge taken from path[i-1] to path[i]: NULL for the root
 * (i = 0) or an unnamed edge; an element's "[k]" is written into buf
 * (src/report/node.c). */
const char *ms_path_edge(const ms_heap *h, const uint32_t *path, uint32_t i,
                         char buf[MS_INDEX_NAME_MAX]);

/* Retaining paths (src/report/hops.c). ms_text_path prints the path from
 * a root to node by parent[] (ms_bfs_parents), one hop a line with the
 * edge taken, as analyze's suspects show it; paths over 24 hops show their
 * first and last 10. */
void ms_text_path(FILE *f, const ms_heap *h, const uint32_t *parent, uint32_t node);
/* "module --__dict__--> dict --'cache'--> Session": the path from a root
 * to node by parent[] on one line, in a new string (the caller frees). */
char *ms_path_line(const ms_heap *h, const uint32_t *parent, uint32_t node);
/* Writes path[0..len) as a JSON array of {"id","type","edge","name"} under
 * key (edge and name null where there is none; the first hop's "root" too
 * when the dump names its kind). */
void ms_json_path(ms_jsonw *w, const char *key, const ms_heap *h, const uint32_t *path,
                  uint32_t len);
/* The same for the path from a root to node by parent[] (ms_bfs_parents);
 * an empty array for node MS_NONE. */
void ms_json_path_to(ms_jsonw *w, const char *key, const ms_heap *h, const uint32_t *parent,
                     uint32_t node);

/* Starts a command's JSON report (an object whose first key is "source")
 * and ends it (src/report/jsondoc.c). */
void ms_json_report_begin(ms_jsonw *w, FILE *f, const ms_heap *h);
void ms_json_report_end(ms_jsonw *w);

/* ---- the report of each command ------------------------------------- */

/* memscope analyze: totals, the type histogram with retained sizes, the
 * largest retainers, leak suspects with their paths, cycles by shape and
 * garbage (src/report/summary.c). */
typedef struct ms_summary {
    const ms_heap *h;
    const ms_analysis *an;     /* roots, dominator tree, cycles (classified) */
    const ms_findings *fi;     /* types, retainers, suspects, garbage */
    uint32_t top;              /* rows of each list to print, 0 = all */
    ms_type_sort sort;
    double threshold;          /* percent, for the suspects' heading */
    const ms_site_table *sites; /* by innermost frame, when the dump has sites; else NULL */
} ms_summary;
void ms_report_summary(FILE *f, ms_format fmt, const ms_summary *s);

/* The pieces of a finding, printed alike by analyze and diff
 * (src/report/finding.c). The name it is reached by (a string index, 0 for
 * none; dict keys unquoted): "NAME: " before a title, nothing without one,
 * or the JSON key "name" (null without one). */
void ms_text_name(FILE *f, const ms_heap *h, uint32_t name);
void ms_json_name(ms_jsonw *w, const ms_heap *h, uint32_t name);
/* What it holds: the JSON key "holds", null when count is 0, else
 * {type, count, retained} and site when not 0. */
void ms_json_holds(ms_jsonw *w, const ms_heap *h, uint32_t type, uint32_t count,
                   uint64_t retained, uint32_t site);
/* What it is made of: a "     made of TYPE BYTES (COUNT), ..." line, or a
 * JSON array of {type, count, bytes}. */
void ms_text_parts(FILE *f, const ms_heap *h, const ms_suspect_part *p, uint32_t n);
void ms_json_parts(ms_jsonw *w, const char *key, const ms_heap *h, const ms_suspect_part *p,
                   uint32_t n);

/* memscope show: one object, its references and its referrers
 * (src/report/object.c). roots says whether it is a root and by which rule.
 * Builds the graph's predecessor CSR. */
void ms_report_object(FILE *f, ms_format fmt, ms_heap *h, const ms_roots *roots, uint32_t node);

/* memscope dominators: the dominator tree in preorder, children by retained
 * size (src/report/domtree.c). start is a number of dt (0 = the virtual
 * root, whose children are then the top rows); rows deeper than depth below
 * the top (0 = no limit) or retaining less than min_retained are left out
 * with their subtrees. Sorts dt's child lists. */
typedef struct ms_domtree_view {
    uint32_t start;
    uint32_t depth;
    uint64_t min_retained;
} ms_domtree_view;
void ms_report_dominators(FILE *f, ms_format fmt, const ms_heap *h, const ms_roots *roots,
                          ms_domtree *dt, const ms_domtree_view *v);

/* memscope cycles: one row per cycle of at least min_size objects, or with
 * members one row per member (src/report/cycles.c). */
void ms_report_cycles(FILE *f, ms_format fmt, const ms_heap *h, const ms_cycles *c,
                      bool members, uint32_t min_size);

/* memscope garbage: one row per unreachable object (src/report/garbage.c). */
void ms_report_garbage(FILE *f, ms_format fmt, const ms_heap *h, const ms_domtree *dt,
                       const ms_cycles *c);

/* The note on garbage with finalizers, if any (src/report/garbage.c). */
void ms_report_finalizers(FILE *f, const ms_garbage *g);
/* memscope path: the hops of path[0..len) from a root (src/report/path.c). */
void ms_report_path(FILE *f, ms_format fmt, const ms_heap *h, const ms_roots *roots,
                    const uint32_t *path, uint32_t len);

/* memscope diff: two or three dumps compared (src/report/diff.c). TSV
 * output is one table: the types (default), the grown objects or the
 * leak clusters. */
typedef enum {
    MS_DIFF_TSV_TYPES, MS_DIFF_TSV_GROWN, MS_DIFF_TSV_LEAKS, MS_DIFF_TSV_SERIES,
    MS_DIFF_TSV_COLLECTIONS, MS_DIFF_TSV_COHORTS
} ms_diff_tsv;
struct ms_series;
typedef struct ms_diff_report {
    const ms_diff_side *side[3]; /* before, after, final (the first, the last but
                                  * one and the last dump of three or more) */
    int nsides;
    const ms_diff_side *all;     /* [ndumps] every dump, in order */
    int ndumps;
    const struct ms_series *series; /* three dumps or more, else NULL */
    const char *baseline;        /* the --baseline file, or NULL */
    uint32_t baseline_count;     /* findings it lists */
    const ms_diff *d;
    uint32_t top;                /* rows of each table, 0 = all */
    const char *sort_name;       /* the column the types are ordered by */
    ms_diff_tsv tsv;
    bool by_site;                /* rows are allocation sites, not types */
} ms_diff_report;
void ms_report_diff(FILE *f, ms_format fmt, const ms_diff_report *r);
/* One dump's totals as a JSON object under key (NULL in an array):
 * source, objects, bytes, reachable_objects, reachable_bytes. */
void ms_json_dump_totals(ms_jsonw *w, const char *key, const ms_diff_side *x);
/* The growth over three dumps or more (src/report/series.c): its section
 * of the table view, its JSON keys ("dumps", "baseline", "series"), and its
 * TSV tables (--series, --collections, --cohorts: ms_table to fill, with
 * the path strings in *lines, which the caller frees with each). */
void ms_text_series(FILE *f, const ms_diff_report *r);
void ms_json_series(ms_jsonw *w, const ms_diff_report *r);
void ms_series_table(const ms_diff_report *r, ms_table *t, char ***lines);

/* memscope sites: objects by allocation site (src/report/sites.c); the
 * top rows (0 = all). ms_text_sites and ms_json_sites print the table
 * alone, for analyze's sites section. */
void ms_report_sites(FILE *f, ms_format fmt, const ms_heap *h, const ms_site_table *st,
                     uint32_t top);
void ms_text_sites(FILE *f, const ms_heap *h, const ms_site_table *st, uint32_t top);
void ms_json_sites(ms_jsonw *w, const char *key, const ms_heap *h, const ms_site_table *st,
                   uint32_t top);

/* memscope graph: a diagram as Graphviz DOT, nodes named o<id>, arrows
 * referrer -> referent (src/report/dot.c). a gives retained sizes (its
 * dominator tree) and cycles (bold red arrows inside one). */
typedef struct ms_dot_style {
    ms_diagram_mode mode;        /* for the wording of the "more" boxes */
    const uint32_t *highlight;   /* types drawn blue (string indices) */
    uint32_t nhighlight;
    const char *layout;          /* layout engine named in the graph, or NULL */
    uint32_t max_nodes;          /* for the note when the diagram was capped */
    bool sites;                  /* a line with the innermost frame of each object's
                                  * allocation stack, when the graph has sites */
} ms_dot_style;
void ms_report_dot(FILE *f, const ms_heap *h, const ms_analysis *a, const ms_diagram *d,
                   const ms_dot_style *st);

/* memscope report: one self-contained HTML page (src/report/html.c). */
typedef struct ms_html_page {
    const ms_summary *s;       /* the analysis of the last dump */
    ms_analysis *an;           /* the same (diagrams sort its dominator children) */
    const char *data_json;     /* what `analyze -f json` prints for it */
    const char *diff_json;     /* what `diff -f json` prints for the dumps, or NULL */
    char *const *dumps;        /* the dumps' paths */
    int ndumps;
} ms_html_page;
void ms_report_html(FILE *f, const ms_html_page *p);
/* The dominator tree as an SVG treemap (src/report/treemap.c); dt's child
 * lists must be sorted by retained size (ms_domtree_sort_kids). */
void ms_report_treemap(FILE *f, const ms_heap *h, const ms_domtree *dt);

#endif
