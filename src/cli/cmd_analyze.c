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

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    int r;
    if (ms_cli_summary_option(cli, c, arg, ctx, &r))
        return r;
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_analyze);
    static const struct option longopts[] = {
        MS_CLI_SUMMARY_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    ms_cli_summary_opts o = MS_CLI_SUMMARY_DEFAULTS;
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;

    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    ms_cli_summary x;
    ms_cli_summarize(&cli, h, &o, &x);
    ms_report_summary(stdout, cli.format, &x.s);
    ms_cli_summary_free(&x);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_analyze = {
    "analyze", run, usage, "summary: types, retainers, suspects, cycles, garbage",
};
