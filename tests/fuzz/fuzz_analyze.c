/* fuzz_analyze.c — libFuzzer target for everything after the readers.
 *
 * Loads the input as `memscope` would (native, V8 or Ruby, sniffed), runs
 * every analysis on the graph — roots, dominators, cycles, garbage,
 * suspects, the detached DOM, paths, sites, the diagram selection in its
 * four modes, `diff` of the input against itself with two and three dumps —
 * checks the results' invariants (tests/tools/invariants.h: retained sizes
 * add up, dominance by brute force on small graphs, garbage is exactly the
 * unreachable, every reachable object has a path, cycle members reach each
 * other) and that a dump compared with itself shows no change, then prints
 * every report in every format to /dev/null. A broken invariant aborts with
 * its message. Threads are off so runs are deterministic. */
#include "memscope/diagram.h"
#include "memscope/reader.h"
#include "memscope/report.h"
#include "memscope/reports.h"

#include "../tools/invariants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("MEMSCOPE_THREADS", "1", 1);
    devnull = fopen("/dev/null", "w");
    return devnull ? 0 : 1;
}

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_analyze: %s\n", what);
    abort();
}

static ms_heap *load(const uint8_t *data, size_t size)
{
    ms_input in = { .name = "<fuzz>", .data = data, .size = size, .mapped = false };
    ms_load_opts opts = { 0 };
    ms_heap *h = NULL;
    ms_error err = { 0 };
    return ms_load_input(&in, &opts, &h, &err) == MS_OK ? h : NULL;
}

/* Every mode of diagram around the starts, written as DOT. */
static void diagrams(const ms_heap *h, ms_analysis *a, const uint32_t *starts, uint32_t n)
{
    static const ms_diagram_mode modes[] = { MS_DIAGRAM_BACKREFS, MS_DIAGRAM_REFS,
                                             MS_DIAGRAM_CHAIN, MS_DIAGRAM_DOMINATORS };
    for (size_t k = 0; k < sizeof modes / sizeof *modes; k++) {
        ms_diagram_opts o = { .mode = modes[k], .max_depth = 4, .too_many = 5, .max_nodes = 40 };
        ms_diagram d;
        ms_diagram_build(h, a, starts, n, &o, &d);
        for (uint32_t i = 0; i < d.nnodes; i++)
            if (d.nodes[i].node >= h->n)
                fail("a diagram node is not a node");
        for (uint32_t i = 0; i < d.nedges; i++)
            if (d.edges[i].from >= d.nnodes || d.edges[i].to >= d.nnodes)
                fail("a diagram arrow joins no drawn objects");
        ms_dot_style st = { .mode = modes[k], .max_nodes = 40, .sites = true };
        ms_report_dot(devnull, h, a, &d, &st);
        ms_diagram_free(&d);
    }
}

/* The input against itself, as `memscope diff X X X` runs it: nothing may
 * be new, freed, grown or leaked. */
static void self_diff(ms_heap *h, const uint8_t *data, size_t size, ms_analysis *a,
                      const ms_findings *f)
{
    ms_heap *h2 = load(data, size);
    if (!h2)
        fail("the input loaded once, not twice");
    ms_analysis a2;
    ms_analysis_run(h2, MS_RUN_DOMINATORS, &a2);
    ms_type_row *t2 = NULL;
    uint32_t nt2 = 0;
    t2 = ms_type_histogram(h2, MS_SORT_BYTES, &nt2);
    ms_type_retained(h2, &a2.dom, t2, nt2, MS_SORT_BYTES);
    ms_diff_side s1 = { h, &a->dom, f->types, f->ntypes, h->type };
    ms_diff_side s2 = { h2, &a2.dom, t2, nt2, h2->type };
    uint32_t *match = ms_malloc(((size_t)h2->n + 1) * sizeof *match);
    uint8_t *same = ms_malloc((size_t)h2->n + 1);
    ms_diff d;
    ms_diff_init(&d);
    d.identity = strcmp(h->format, "v8") == 0 ? MS_IDENTITY_ID : MS_IDENTITY_ID_TYPE;
    d.matched = ms_diff_match(h, h2, d.identity == MS_IDENTITY_ID_TYPE, match, same);
    if (d.matched != h2->n)
        fail("diff: an object does not match itself");
    ms_diff_types(&d, &s1, &s2, match, same);
    ms_diff_sort_rows(&d, MS_DIFF_SORT_SIZE);
    for (uint32_t r = 0; r < d.nrows; r++) {
        const ms_diff_row *row = &d.rows[r];
        if (row->new_count || row->freed_count || row->count_before != row->count_after ||
            row->bytes_before != row->bytes_after || row->retained_before != row->retained_after)
            fail("diff: a dump compared with itself changed");
    }
    ms_diff_grown_find(&d, &s1, &s2, match, 0, &a2.roots);
    if (d.ngrown)
        fail("diff: an object grew in a dump compared with itself");
    uint32_t *ident = ms_malloc(((size_t)h2->n + 1) * sizeof *ident);
    for (uint32_t j = 0; j < h2->n; j++)
        ident[j] = j;
    ms_leak_input in = { .after = &s2, .final = &s2, .after_old = ident,
                         .final_in_after = ident, .roots = &a2.roots, .all = true };
    ms_diff_leaks_find(&d, &in);
    if (d.nclusters || d.leaked_objects)
        fail("diff: a dump compared with itself leaked");
    ms_diff_report rep = { .side = { &s1, &s2, &s2 }, .nsides = 3, .d = &d, .top = 5,
                           .sort_name = "size_delta" };
    for (int fmt = MS_FORMAT_TABLE; fmt <= MS_FORMAT_JSON; fmt++)
        ms_report_diff(devnull, (ms_format)fmt, &rep);
    free(ident);
    ms_diff_free(&d);
    free(match);
    free(same);
    free(t2);
    ms_analysis_free(&a2);
    ms_heap_free(h2);
}

/* Every report of one dump, in every format. */
static void reports(ms_heap *h, ms_analysis *a, ms_findings *f)
{
    ms_site_table st;
    ms_sites_group(h, &a->dom, 2, false, MS_SORT_RETAINED, &st);
    ms_summary s = { .h = h, .an = a, .fi = f, .top = 5, .sort = MS_SORT_BYTES,
                     .threshold = 10.0, .sites = h->site ? &st : NULL };
    for (int fmt = MS_FORMAT_TABLE; fmt <= MS_FORMAT_JSON; fmt++) {
        ms_report_summary(devnull, (ms_format)fmt, &s);
        ms_report_cycles(devnull, (ms_format)fmt, h, &a->cycles, true, 1);
        ms_report_garbage(devnull, (ms_format)fmt, h, &a->dom, &a->cycles);
        ms_report_sites(devnull, (ms_format)fmt, h, &st, 5);
        ms_domtree_view v = { .start = 0, .depth = 3, .min_retained = 0 };
        ms_report_dominators(devnull, (ms_format)fmt, h, &a->roots, &a->dom, &v);
        if (h->n)
            ms_report_object(devnull, (ms_format)fmt, h, &a->roots, h->n - 1);
    }
    uint32_t *path;
    for (uint32_t k = 0; k < f->nsuspects; k++) {
        uint32_t len = ms_path_from_parents(f->parent, f->suspects[k].node, &path);
        if (!len)
            fail("a suspect has no path");
        ms_report_path(devnull, MS_FORMAT_TABLE, h, &a->roots, path, len);
        free(path);
    }
    ms_report_finalizers(devnull, &f->garbage);
    ms_domtree_sort_kids(&a->dom);
    ms_report_treemap(devnull, h, &a->dom);
    ms_site_table_free(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_heap *h = load(data, size);
    if (!h)
        return 0;
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES | MS_RUN_TYPES, &a);
    ms_findings f;
    ms_findings_run(h, &a, MS_SORT_BYTES, 0, 10.0, &f);
    const char *bad = ms_check_invariants(h, &a, &f);
    if (bad)
        fail(bad);
    /* Up to two suspects and the last object (it may be garbage). */
    uint32_t starts[3], n = 0;
    for (uint32_t k = 0; k < f.nsuspects && n < 2; k++)
        if (!n || starts[0] != f.suspects[k].node)
            starts[n++] = f.suspects[k].node;
    if (h->n && (!n || (starts[0] != h->n - 1 && (n < 2 || starts[1] != h->n - 1))))
        starts[n++] = h->n - 1;
    diagrams(h, &a, starts, n);
    reports(h, &a, &f);
    self_diff(h, data, size, &a, &f);
    ms_findings_free(&f);
    ms_analysis_free(&a);
    ms_heap_free(h);
    return 0;
}
