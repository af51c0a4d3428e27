/* load.c — loading a dump for a command, with progress on a terminal, the
 * warnings the loader and the analyses leave (dangling references, an
 * inconsistent dump) and, with -v, the times and memory; and finding OBJ in
 * it. */
#include "cli.h"
#include "memscope/pipeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

typedef struct progress {
    const char *name;
    double last;
    bool shown;
} progress;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress *p = ctx;
    double now = ms_now();
    if (now - p->last < 0.2)
        return;
    p->last = now;
    p->shown = true;
    char a[32], b[32];
    fprintf(stderr, "\rmemscope: reading %s: %3.0f%% (%s of %s)\033[K", p->name,
            total ? 100.0 * (double)done / (double)total : 0.0, ms_fmt_bytes(done, a, sizeof a),
            ms_fmt_bytes(total, b, sizeof b));
}

/* What the loader left to say about the dump: references to ids it does
 * not have, roots it does not have. */
static void load_warnings(const ms_heap *h)
{
    if (h->dangling)
        ms_cli_warn("%s: %" PRIu64 " reference%s to ids not in the dump dropped "
                    "(first: %" PRIu64 " from object %" PRIu64 ")",
                    h->source, h->dangling, h->dangling == 1 ? "" : "s", h->dangling_to,
                    h->dangling_from);
    if (h->dangling_roots)
        ms_cli_warn("%s: %" PRIu64 " root%s not in the dump ignored", h->source,
                    h->dangling_roots, h->dangling_roots == 1 ? " id" : " ids");
}

int ms_cli_load(const ms_cli *cli, const char *path, ms_heap **out)
{
    ms_load_stats stats = { 0 };
    ms_load_opts opts = { .format = cli->input_format, .stats = &stats,
                          .raw_sizes = cli->raw_sizes };
    progress prog = { .name = path, .last = ms_now() };
    if (!cli->quiet && isatty(2)) {
        opts.progress = on_progress;
        opts.progress_ctx = &prog;
    }
    ms_error err = { 0 };
    double t0 = ms_now();
    int r = ms_cli_open_index(cli, path, out);
    if (r)
        return r;
    if (*out) {
        load_warnings(*out);
        if (cli->verbose)
            ms_cli_error("opened %" PRIu32 " objects, %" PRIu32 " references in %.3f s; "
                         "peak RSS %ld KiB", (*out)->n, (*out)->m, ms_now() - t0,
                         ms_peak_rss_kib());
        return 0;
    }
    ms_status st = ms_load(path, &opts, out, &err);
    if (prog.shown)
        fputs("\r\033[K", stderr);
    if (st != MS_OK) {
        ms_cli_error("%s", err.msg);
        return ms_status_exit(st);
    }
    ms_heap *h = *out;
    double t1 = ms_now();
    load_warnings(h);
    if (cli->verbose) {
        size_t nodes = ms_heap_node_memory(h), edges = ms_heap_edge_memory(h);
        ms_cli_error("loaded %" PRIu32 " objects, %" PRIu32 " references in %.3f s "
                     "(parse %.3f s on %d thread%s, join %.3f s, resolve %.3f s)",
                     h->n, h->m, t1 - t0, stats.parse, stats.threads,
                     stats.threads == 1 ? "" : "s", stats.join, stats.resolve);
        ms_cli_error("graph %zu bytes: %.1f bytes/object + %.1f bytes/reference; "
                     "strings %zu bytes; peak RSS %ld KiB",
                     nodes + edges, h->n ? (double)nodes / h->n : 0.0,
                     h->m ? (double)edges / h->m : 0.0, ms_strpool_memory(&h->strings),
                     ms_peak_rss_kib());
    }
    ms_cli_auto_index(cli, path, h);
    return 0;
}

void ms_cli_roots_warn(const ms_heap *h, const ms_roots *r)
{
    if (r->inconsistent) {
        uint32_t v = r->first_inconsistent;
        ms_cli_warn("%s: inconsistent dump: %" PRIu64 " tracked object%s with fewer "
                    "references (rc) than references from tracked objects (first: %" PRIu64
                    ", rc %" PRIu32 ", %" PRIu32 " from tracked objects); roots and garbage "
                    "may be wrong",
                    h->source, r->inconsistent, r->inconsistent == 1 ? "" : "s", h->id[v],
                    h->rc[v], ms_roots_tracked_refs(h, v));
    }
}

void ms_cli_analyzed(const ms_cli *cli, const ms_heap *h, const ms_analysis *a, double seconds,
                     long rss)
{
    ms_cli_roots_warn(h, &a->roots);
    if (cli->verbose)
        ms_cli_error("analyses in %.3f s (roots %.3f s; dominators %.3f s and cycles "
                     "%.3f s side by side; cycle shapes %.3f s); peak RSS %ld KiB",
                     seconds, a->t_roots, a->t_dominators, a->t_cycles, a->t_classify, rss);
}

void ms_cli_analyze(const ms_cli *cli, ms_heap *h, unsigned what, ms_analysis *a)
{
    double t0 = ms_now();
    ms_analysis_run(h, what, a);
    ms_cli_analyzed(cli, h, a, ms_now() - t0, ms_peak_rss_kib());
}

int ms_cli_find(const ms_heap *h, uint64_t id, const char *arg, uint32_t *node)
{
    *node = ms_heap_find(h, id);
    if (*node != MS_NONE)
        return 0;
    ms_cli_error("%s: no object with id %s", h->source, arg);
    return ms_status_exit(MS_ERR_NOTFOUND);
}

void ms_cli_overview(const ms_cli *cli, ms_heap *h, const ms_cli_summary_opts *o,
                     ms_overview *x, ms_summary *s)
{
    /* The largest retainers rank single objects, all of them at most (the
     * whole list is `dominators --all`): 20 of them unless --top says. */
    uint32_t retainers = o->top != MS_CLI_TOP_UNSET ? o->top : MS_CLI_TOP_TABLE;
    ms_overview_build(h, o->sort, retainers, o->threshold, x);
    ms_cli_analyzed(cli, h, &x->an, x->t_analyses, x->rss_analyses);
    if (cli->verbose)
        ms_cli_error("types, retainers, suspects and paths in %.3f s", x->t_findings);
    *s = (ms_summary){ .h = h, .an = &x->an, .fi = &x->fi, .top = ms_cli_top(cli, o->top), .sort = o->sort,
                       .threshold = o->threshold, .sites = h->site ? &x->st : NULL };
}
