/* diff_dumps.c — the dumps `diff` compares, and report's diff section:
 * each loaded and analyzed in turn, checked to be comparable, then handed
 * to the diff pipeline (ms_diff_run) with the known findings of
 * --baseline; its warnings and -v times printed. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/baseline.h"
#include "memscope/pipeline.h"
#include "memscope/series.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static int load_dump(const ms_cli *cli, const ms_diff_cli_opts *o, const char *path,
                     ms_diff_dump *d)
{
    int r = ms_cli_load(cli, path, &d->h);
    if (r)
        return r;
    if (o->by_site && !d->h->site) {
        ms_cli_error("%s: the dump has no allocation sites: diff --by site needs them "
                     "(see memscope sites)", d->h->source);
        return MS_EXIT_FINDINGS;
    }
    ms_cli_analyze(cli, d->h, MS_RUN_DOMINATORS, &d->an);
    ms_diff_dump_build(d, o->by_site);
    return 0;
}

/* Checks that the dumps can be compared: the same format (else a usage
 * error: both dumps are valid, the command line is not), and warns when
 * their meta names different processes. */
static int check_dumps(const ms_cli *cli, ms_diff_dump *d, int n)
{
    for (int k = 1; k < n; k++) {
        if (strcmp(d[k].h->format, d[0].h->format) != 0)
            return ms_cli_usage_error(cli, "%s: a %s dump, but %s is a %s dump: diff "
                                           "compares dumps of one process",
                                      d[k].h->source, d[k].h->format, d[0].h->source,
                                      d[0].h->format);
        double p0 = ms_diff_meta_pid(d[0].h), pk = ms_diff_meta_pid(d[k].h);
        if (p0 >= 0 && pk >= 0 && p0 != pk)
            ms_cli_warn("%s comes from pid %.0f, %s from pid %.0f: ids of different processes "
                        "do not match", d[0].h->source, p0, d[k].h->source, pk);
    }
    return 0;
}

int ms_cli_diff(const ms_cli *cli, const ms_diff_cli_opts *o, char *const *paths, int n,
                ms_cli_diff_run *run)
{
    memset(run, 0, sizeof *run);
    run->d = ms_calloc((size_t)n, sizeof *run->d);
    run->n = n;
    int r = 0;
    if (o->baseline) {
        ms_error err = { 0 };
        run->baseline = ms_malloc(sizeof *run->baseline);
        ms_status st = ms_baseline_load(o->baseline, run->baseline, &err);
        if (st != MS_OK) {
            free(run->baseline);
            run->baseline = NULL;
            ms_cli_error("%s", err.msg);
            return ms_status_exit(st);
        }
    }
    for (int k = 0; k < n && !r; k++)
        r = load_dump(cli, o, paths[k], &run->d[k]);
    if (!r)
        r = check_dumps(cli, run->d, n);
    if (r)
        return r;
    ms_diff_dump *d = run->d;
    const ms_reader *reader = ms_reader_find(d[0].h->format);
    ms_diff_opts dopts = { .sort = o->sort, .top = ms_cli_top(cli, o->top),
                           .all_leaks = o->all_leaks,
                           .stable_ids = reader && reader->stable_ids,
                           .baseline = run->baseline };
    ms_diff_run_info info;
    if (n >= 3)
        run->series = ms_calloc(1, sizeof *run->series);
    ms_diff_run(d, n, &dopts, &run->diff, run->series, &info);
    if (info.aggregate)
        ms_cli_warn("%s and %s share almost no objects (%" PRIu64 " of %" PRIu64 "): comparing "
                    "types only", d[0].h->source, d[n > 2 ? n - 2 : 1].h->source, info.shared,
                    info.smaller);
    if (cli->verbose)
        ms_cli_error("diff: matched in %.3f s, types in %.3f s, grown objects in %.3f s, "
                     "leaks in %.3f s, series in %.3f s", info.t_match, info.t_types,
                     info.t_grown, info.t_leaks, info.t_series);
    ms_diff_side *all = ms_malloc((size_t)n * sizeof *all);
    for (int k = 0; k < n; k++)
        all[k] = d[k].side;
    run->rep = (ms_diff_report){
        .side = { &d[0].side, &d[n > 2 ? n - 2 : 1].side, n > 2 ? &d[n - 1].side : NULL },
        .nsides = n > 2 ? 3 : 2, .all = all, .ndumps = n, .series = run->series,
        .baseline = o->baseline, .baseline_count = run->baseline ? run->baseline->count : 0,
        .d = &run->diff, .top = ms_cli_top(cli, o->top), .sort_name = o->sort_name,
        .tsv = o->tsv, .by_site = o->by_site };
    return 0;
}

void ms_cli_diff_free(ms_cli_diff_run *run)
{
    ms_diff_free(&run->diff);
    if (run->series) {
        ms_series_free(run->series);
        free(run->series);
    }
    if (run->baseline) {
        ms_baseline_free(run->baseline);
        free(run->baseline);
    }
    for (int k = 0; k < run->n; k++)
        ms_diff_dump_free(&run->d[k]);
    free(run->d);
    free((void *)run->rep.all);
    memset(run, 0, sizeof *run);
}
