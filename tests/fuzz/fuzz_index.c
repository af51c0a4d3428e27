/* fuzz_index.c — libFuzzer target for opening index files (src/index/open.c).
 *
 * Writes the input to an in-memory file and opens it as an index given as
 * the DUMP operand (ms_index_open without a dump: no identity check). On
 * failure there must be no graph and a message naming the file; on
 * success every command's work runs on the graph whose arrays lie in the
 * map: analyze's analyses, findings and sites, every report in every
 * format, show of the first and last objects, paths to the suspects and
 * the last object, and the four diagrams. Nothing checks the answers (an
 * index may lie about sizes and still be usable); the sanitizers check
 * that no command reads outside the arrays. Threads are off so runs are
 * deterministic. */
#include "memscope/diagram.h"
#include "memscope/index.h"
#include "memscope/pipeline.h"
#include "memscope/report.h"
#include "memscope/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static FILE *devnull;
static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("MEMSCOPE_THREADS", "1", 1);
    devnull = fopen("/dev/null", "w");
    fd = memfd_create("fuzz_index", 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return devnull && fd >= 0 ? 0 : 1;
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
        ms_dot_style st = { .mode = modes[k], .max_nodes = 40, .sites = true };
        ms_report_dot(devnull, h, a, &d, &st);
        ms_diagram_free(&d);
    }
}

/* What analyze, dominators, cycles, garbage, sites, show, path and report
 * print, in every format. */
static void reports(ms_heap *h, ms_overview *x, const uint32_t *starts, uint32_t n)
{
    ms_analysis *a = &x->an;
    ms_site_table st;
    ms_sites_group(h, &a->dom, 2, false, MS_SORT_RETAINED, &st);
    ms_summary s = { .h = h, .an = a, .fi = &x->fi, .top = 5, .sort = MS_SORT_BYTES,
                     .threshold = 10.0, .sites = h->site ? &x->st : NULL };
    for (int fmt = MS_FORMAT_TABLE; fmt <= MS_FORMAT_JSON; fmt++) {
        ms_report_summary(devnull, (ms_format)fmt, &s);
        ms_report_cycles(devnull, (ms_format)fmt, h, &a->cycles, true, 1);
        ms_report_garbage(devnull, (ms_format)fmt, h, &a->dom, &a->cycles);
        ms_report_sites(devnull, (ms_format)fmt, h, &st, 5);
        ms_domtree_view v = { .start = 0, .depth = 3, .min_retained = 0 };
        ms_report_dominators(devnull, (ms_format)fmt, h, &a->roots, &a->dom, &v);
        for (uint32_t k = 0; k < n; k++)
            ms_report_object(devnull, (ms_format)fmt, h, &a->roots, starts[k]);
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t *path_ = NULL;
        uint32_t len = ms_path_find(h, &a->roots, &starts[k], 1, &path_);
        if (len)
            ms_report_path(devnull, MS_FORMAT_JSON, h, &a->roots, path_, len);
        free(path_);
    }
    ms_report_finalizers(devnull, &x->fi.garbage);
    ms_domtree_sort_kids(&a->dom);
    ms_report_treemap(devnull, h, &a->dom);
    ms_site_table_free(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    ms_heap *h = NULL;
    ms_error err = { 0 };
    ms_status st = ms_index_open(path, NULL, "fuzz", &h, NULL, &err);
    if (st != MS_OK) {
        if (h || !strstr(err.msg, path))
            abort();
        return 0;
    }
    ms_overview x;
    ms_overview_build(h, MS_SORT_BYTES, 0, 10.0, &x);
    /* The first and last objects, a suspect, each found again by its id. */
    uint32_t starts[3], n = 0;
    if (h->n) {
        starts[n++] = 0;
        starts[n++] = h->n - 1;
    }
    if (x.fi.nsuspects)
        starts[n++] = x.fi.suspects[0].node;
    for (uint32_t k = 0; k < n; k++)
        if (ms_heap_find(h, h->id[starts[k]]) >= h->n)
            abort();
    diagrams(h, &x.an, starts, n);
    reports(h, &x, starts, n);
    ms_overview_free(&x);
    ms_heap_free(h);
    return 0;
}
