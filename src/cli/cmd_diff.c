/* cmd_diff.c — `memscope diff DUMP DUMP [DUMP...]`: what grew between two
 * dumps of one process, what leaked across three, what grew in every
 * interval of a series. Parses options, runs the diff pipeline
 * (diff_dumps.c), prints, writes --write-baseline's file, and gates CI
 * with --fail-over (exit 7). */
#include "cli.h"
#include "memscope/baseline.h"
#include "memscope/outfile.h"
#include "memscope/pipeline.h"
#include "memscope/series.h"

#include <inttypes.h>
#include <string.h>

static int opt(ms_cli *cli, void *opts, int id, const char *arg)
{
    static const struct { const char *name; ms_diff_sort key; } keys[] = {
        { "size_delta", MS_DIFF_SORT_SIZE }, { "delta", MS_DIFF_SORT_COUNT },
        { "retained_delta", MS_DIFF_SORT_RETAINED }, { "new", MS_DIFF_SORT_NEW },
        { "alloc_bytes", MS_DIFF_SORT_ALLOC },
    };
    ms_diff_cli_opts *o = opts;
    switch (id) {
    case MS_OPT_TOP:
        return ms_cli_parse_top(cli, arg, &o->top);
    case MS_OPT_SORT:
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (strcmp(arg, keys[k].name) == 0) {
                o->sort = keys[k].key;
                o->sort_name = keys[k].name;
                return 0;
            }
        return ms_cli_usage_error(cli, "--sort: expected size_delta, delta, retained_delta, new "
                                       "or alloc_bytes, got '%s'", arg);
    case MS_OPT_GROWN:
    case MS_OPT_LEAKS:
    case MS_OPT_SERIES:
    case MS_OPT_COLLECTIONS:
    case MS_OPT_COHORTS:
        if (o->tsv != MS_DIFF_TSV_TYPES)
            return ms_cli_usage_error(cli, "--grown, --leaks, --series, --collections and "
                                           "--cohorts select one TSV table: give one");
        o->tsv = id == MS_OPT_GROWN         ? MS_DIFF_TSV_GROWN
                 : id == MS_OPT_LEAKS       ? MS_DIFF_TSV_LEAKS
                 : id == MS_OPT_SERIES      ? MS_DIFF_TSV_SERIES
                 : id == MS_OPT_COLLECTIONS ? MS_DIFF_TSV_COLLECTIONS
                                            : MS_DIFF_TSV_COHORTS;
        return 0;
    case MS_OPT_BASELINE:
        o->baseline = arg;
        return 0;
    case MS_OPT_WRITE_BASELINE:
        o->write_baseline = arg;
        return 0;
    case MS_OPT_BY:
        if (strcmp(arg, "type") && strcmp(arg, "site"))
            return ms_cli_usage_error(cli, "--by: expected type or site, got '%s'", arg);
        o->by_site = strcmp(arg, "site") == 0;
        return 0;
    case MS_OPT_ALL_LEAKS:
        o->all_leaks = true;
        return 0;
    case MS_OPT_FAIL_OVER:
        o->fail = true;
        return ms_cli_parse_bytes(cli, "--fail-over", arg, &o->fail_over);
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int check(ms_cli *cli, void *opts, char **operands, int n)
{
    (void)operands;
    (void)opts;
    if (n < 1)
        return ms_cli_usage_error(cli, "expected two dumps or more (or a folder of them), "
                                       "got none");
    return 0;
}

/* What the dumps named (folders expanded) allow: two at least, three for
 * the leaks, the series and the baselines. */
static int check_dumps(ms_cli *cli, const ms_diff_cli_opts *o, int n)
{
    if (n < 2)
        return ms_cli_usage_error(cli, "expected two dumps or more (a folder counts its "
                                       "dumps), got %d", n);
    if (n > 65535)
        return ms_cli_usage_error(cli, "%d dumps: at most 65,535", n);
    const char *needs3 = o->tsv == MS_DIFF_TSV_LEAKS         ? "--leaks"
                         : o->tsv == MS_DIFF_TSV_SERIES      ? "--series"
                         : o->tsv == MS_DIFF_TSV_COLLECTIONS ? "--collections"
                         : o->tsv == MS_DIFF_TSV_COHORTS     ? "--cohorts"
                         : o->baseline                       ? "--baseline"
                         : o->write_baseline                 ? "--write-baseline"
                                                             : NULL;
    if (needs3 && n < 3)
        return ms_cli_usage_error(cli, "%s needs three dumps or more", needs3);
    return 0;
}

/* --fail-over with three dumps or more: MS_EXIT_GROWTH if the leak
 * clusters that are not known retain more than the limit, or a growing
 * collection that is not known grew by more; each reason on one line,
 * naming the new findings. */
static int gate_series(const ms_diff_cli_opts *o, const ms_cli_diff_run *run)
{
    const ms_diff *diff = &run->diff;
    const ms_heap *last = run->d[run->n - 1].h;
    uint64_t retained = 0;
    uint32_t count = 0, first = MS_NONE;
    for (uint32_t c = 0; c < diff->nclusters; c++) {
        const ms_leak_cluster *x = &diff->clusters[c];
        if (x->churn != MS_CHURN_NONE || x->known)
            continue;
        retained += x->retained;
        count++;
        if (first == MS_NONE)
            first = c;
    }
    int r = 0;
    if (count && retained > o->fail_over) {
        const ms_leak_cluster *x = &diff->clusters[first];
        ms_cli_error("%" PRIu32 " new leak cluster%s retain %" PRIu64 " bytes, more than "
                     "--fail-over %" PRIu64 "; the first: %s at %s", count,
                     count == 1 ? "" : "s", retained, o->fail_over,
                     ms_heap_str(last, x->type), x->signature);
        r = MS_EXIT_GROWTH;
    }
    const ms_series *s = run->series;
    for (uint32_t c = 0; s && c < s->ncoll; c++) {
        const ms_series_collection *x = &s->coll[c];
        if (x->known || x->growth <= 0 || (uint64_t)x->growth <= o->fail_over)
            continue;
        ms_cli_error("a new growing collection grew by %" PRId64 " bytes, more than "
                     "--fail-over %" PRIu64 ": %s %" PRIu64 " at %s", x->growth, o->fail_over,
                     ms_heap_type_name(last, x->node), last->id[x->node], x->signature);
        r = MS_EXIT_GROWTH;
    }
    return r;
}

/* --fail-over: MS_EXIT_GROWTH with its reason if the heap grew (two dumps)
 * or what is new grew (three or more) past the limit, else 0. */
static int gate(const ms_diff_cli_opts *o, const ms_cli_diff_run *run)
{
    const ms_diff_dump *d = run->d;
    if (run->n >= 3)
        return gate_series(o, run);
    int64_t grew = (int64_t)d[1].an.dom.retained[0] - (int64_t)d[0].an.dom.retained[0];
    if (grew > 0 && (uint64_t)grew > o->fail_over) {
        ms_cli_error("the reachable heap grew by %" PRId64 " bytes, more than --fail-over %" PRIu64,
                     grew, o->fail_over);
        return MS_EXIT_GROWTH;
    }
    return 0;
}

/* --write-baseline: every leak cluster (churn aside) and growing
 * collection of the run, one line each, into path (a temporary file
 * renamed). Returns 0 or MS_EXIT_IO after a message. */
static int write_baseline(const char *path, const ms_cli_diff_run *run)
{
    ms_outfile out;
    ms_error err = { 0 };
    if (ms_outfile_open(&out, path, &err) != MS_OK) {
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    const ms_heap *last = run->d[run->n - 1].h;
    fputs("# memscope baseline: known leaks and growing collections, one a line:\n"
          "# KIND<TAB>TYPE<TAB>SIGNATURE (memscope-format(5))\n", out.f);
    for (uint32_t c = 0; c < run->diff.nclusters; c++) {
        const ms_leak_cluster *x = &run->diff.clusters[c];
        if (x->churn == MS_CHURN_NONE)
            ms_baseline_write_line(out.f, "leak", ms_heap_str(last, x->type), x->signature);
    }
    for (uint32_t c = 0; run->series && c < run->series->ncoll; c++) {
        const ms_series_collection *x = &run->series->coll[c];
        ms_baseline_write_line(out.f, "collection", ms_heap_type_name(last, x->node),
                               x->signature);
    }
    if (ms_outfile_commit(&out, &err) != MS_OK) {
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    return 0;
}

static int run(ms_cli *cli, void *opts, char **operands, int count, ms_heap *h)
{
    (void)h;
    const ms_diff_cli_opts *o = opts;
    char **paths;
    int n, r = ms_cli_dump_list(operands, count, &paths, &n);
    if (r || (r = check_dumps(cli, o, n))) {
        ms_cli_dump_list_free(paths, n);
        return r;
    }
    ms_cli_diff_run run;
    r = ms_cli_diff(cli, o, paths, n, &run);
    if (!r && o->write_baseline)
        r = write_baseline(o->write_baseline, &run);
    if (!r) {
        ms_report_diff(stdout, cli->format, &run.rep);
        r = ms_cli_finish_output();
        if (!r && o->fail)
            r = gate(o, &run);
    }
    ms_cli_diff_free(&run);
    ms_cli_dump_list_free(paths, n);
    return r;
}

static const ms_diff_cli_opts defaults = MS_DIFF_CLI_DEFAULTS;

const ms_command ms_cmd_diff = {
    .name = "diff",
    .bit = MS_C_DIFF,
    .usage = "memscope diff [options] DUMP DUMP [DUMP...]",
    .about = "Compare dumps of one process, in the order they were taken (a folder\n"
             "stands for its dumps in version-sort order). Two dumps: the totals, the\n"
             "types that changed (new, freed, bytes and retained sizes) and the objects\n"
             "whose retained size grew most, each with its path. Three dumps or more:\n"
             "also the leaks, objects new in the last but one (since the first) and\n"
             "still in the last, clustered by how they are retained; and the growth over\n"
             "all of them: the types that grew in every interval, the collections whose\n"
             "element count did, and the cohorts of new objects still alive. TSV output\n"
             "is one table: the types (or sites, with --by site), or --grown, --leaks,\n"
             "--series, --collections or --cohorts.\n",
    .epilog = "Exit status: 0; 1 with --by site on a dump without sites; 7 past\n"
              "--fail-over; 2, 3, 4, 6 as for every command (3 for a bad baseline).\n",
    .summary = "what grew and what leaked between dumps, and over a series; a CI gate",
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
};
