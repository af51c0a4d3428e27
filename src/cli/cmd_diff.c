/* cmd_diff.c — `memscope diff BEFORE AFTER [FINAL]`: what grew between two
 * dumps of one process, and what leaked across three. Parses options, runs
 * the diff pipeline (diff_dumps.c), prints, and gates CI with --fail-over
 * (exit 7). */
#include "cli.h"
#include "memscope/pipeline.h"

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
        if (o->tsv != MS_DIFF_TSV_TYPES)
            return ms_cli_usage_error(cli, "--grown and --leaks select one TSV table: give one");
        o->tsv = id == MS_OPT_GROWN ? MS_DIFF_TSV_GROWN : MS_DIFF_TSV_LEAKS;
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
    const ms_diff_cli_opts *o = opts;
    if (n < 2 || n > 3)
        return ms_cli_usage_error(cli, "expected BEFORE AFTER [FINAL], got %d operand%s", n,
                                  n == 1 ? "" : "s");
    if (o->tsv == MS_DIFF_TSV_LEAKS && n != 3)
        return ms_cli_usage_error(cli, "--leaks needs three dumps: BEFORE AFTER FINAL");
    return 0;
}

/* --fail-over: MS_EXIT_GROWTH with its reason if the heap grew (two dumps)
 * or the leaks retain (three) more than the limit, else 0. */
static int gate(const ms_diff_cli_opts *o, const ms_diff_dump *d, int n, const ms_diff *diff)
{
    int64_t grew = (int64_t)d[1].an.dom.retained[0] - (int64_t)d[0].an.dom.retained[0];
    if (n == 2 && grew > 0 && (uint64_t)grew > o->fail_over) {
        ms_cli_error("the reachable heap grew by %" PRId64 " bytes, more than --fail-over %" PRIu64,
                     grew, o->fail_over);
        return MS_EXIT_GROWTH;
    }
    if (n == 3 && diff->leaked_retained > o->fail_over) {
        ms_cli_error("%" PRIu32 " leak cluster%s retain %" PRIu64 " bytes, more than --fail-over "
                     "%" PRIu64, diff->nclusters, diff->nclusters == 1 ? "" : "s",
                     diff->leaked_retained, o->fail_over);
        return MS_EXIT_GROWTH;
    }
    return 0;
}

static int run(ms_cli *cli, void *opts, char **operands, int n, ms_heap *h)
{
    (void)h;
    const ms_diff_cli_opts *o = opts;
    ms_diff_dump d[3];
    ms_diff diff;
    ms_diff_report rep;
    int r = ms_cli_diff(cli, o, operands, n, d, &diff, &rep);
    if (!r) {
        ms_report_diff(stdout, cli->format, &rep);
        r = ms_cli_finish_output();
        if (!r && o->fail)
            r = gate(o, d, n, &diff);
        ms_diff_free(&diff);
    }
    for (int k = 0; k < n; k++)
        ms_diff_dump_free(&d[k]);
    return r;
}

static const ms_diff_cli_opts defaults = MS_DIFF_CLI_DEFAULTS;

const ms_command ms_cmd_diff = {
    .name = "diff",
    .bit = MS_C_DIFF,
    .usage = "memscope diff [options] BEFORE AFTER [FINAL]",
    .about = "Compare dumps of one process. Two dumps: the totals, the types that\n"
             "changed (new, freed, bytes and retained sizes) and the objects whose\n"
             "retained size grew most, each with its path. Three dumps: also the leaks,\n"
             "objects new in AFTER and still in FINAL, clustered by how they are\n"
             "retained. TSV output is one table: the types (or sites, with --by site),\n"
             "or --grown, or --leaks.\n",
    .epilog = "Exit status: 0; 1 with --by site on a dump without sites; 7 past\n"
              "--fail-over; 2, 3, 4, 6 as for every command.\n",
    .summary = "what grew and what leaked between dumps; a CI gate",
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
};
