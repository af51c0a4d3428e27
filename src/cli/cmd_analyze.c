/* cmd_analyze.c — `memscope analyze DUMP`: totals, roots and the type
 * histogram. Parses options, loads, runs the analyses, prints. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope analyze [options] DUMP\n"
    "\n"
    "Summarize a heap dump: objects, references, bytes, dangling references,\n"
    "roots (and the rule that found them), the type histogram with retained\n"
    "sizes, the largest retainers, leak suspects with their retaining paths,\n"
    "reference cycles by shape, garbage, and allocation sites when the dump\n"
    "has them. DUMP is a file, or - for standard input. TSV output is the\n"
    "type table.\n"
    "\n"
    "Options:\n"
    "      --top N           rows of each list: types, retainers, cycle shapes\n"
    "                        (default 20, 0 = all)\n"
    "      --sort KEY        order types by bytes (default), count or retained\n"
    "      --threshold PCT   leak suspects retain at least PCT% of the reachable\n"
    "                        heap (default 10)\n"
    MS_CLI_COMMON_HELP;

enum { OPT_TOP = 1, OPT_SORT, OPT_THRESHOLD };

typedef struct opts {
    uint32_t top;
    ms_type_sort sort;
    double threshold;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    switch (c) {
    case OPT_TOP:
        return ms_cli_parse_u32(cli, "--top", arg, &o->top);
    case OPT_SORT:
        return ms_cli_parse_type_sort(cli, arg, &o->sort);
    case OPT_THRESHOLD:
        return ms_cli_parse_threshold(cli, arg, &o->threshold);
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_analyze);
    static const struct option longopts[] = {
        { "top", required_argument, NULL, OPT_TOP },
        { "sort", required_argument, NULL, OPT_SORT },
        { "threshold", required_argument, NULL, OPT_THRESHOLD },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .top = 20, .sort = MS_SORT_BYTES, .threshold = 10.0 };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;

    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    ms_analysis an;
    ms_cli_analyze(&cli, h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &an);
    double t0 = ms_now();
    ms_findings fi;
    ms_findings_run(h, &an, o.sort, o.top, o.threshold, &fi);
    if (cli.verbose)
        fprintf(stderr, "memscope: types, retainers, suspects and paths in %.3f s\n",
                ms_now() - t0);
    ms_site_table st;
    ms_sites_group(h, &an.dom, 1, false, MS_SORT_RETAINED, &st);
    ms_summary s = { .h = h, .an = &an, .fi = &fi, .top = o.top, .sort = o.sort,
                     .threshold = o.threshold, .sites = h->site ? &st : NULL };
    ms_report_summary(stdout, cli.format, &s);
    ms_site_table_free(&st);
    ms_findings_free(&fi);
    ms_analysis_free(&an);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_analyze = {
    "analyze", run, usage, "summary: types, retainers, suspects, cycles, garbage",
};
