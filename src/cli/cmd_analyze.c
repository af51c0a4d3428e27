/* cmd_analyze.c — `memscope analyze DUMP`: totals, roots, the type
 * histogram, retainers, suspects, cycles, garbage and sites. Runs the
 * analyze pipeline and prints. */
#include "cli.h"
#include "memscope/pipeline.h"

static int opt(ms_cli *cli, void *o, int id, const char *arg)
{
    int r;
    if (ms_cli_summary_option(cli, id, arg, o, &r))
        return r;
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(ms_cli *cli, void *opts, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    ms_overview x;
    ms_summary s;
    ms_cli_overview(cli, h, opts, &x, &s);
    ms_report_summary(stdout, cli->format, &s);
    ms_overview_free(&x);
    return ms_cli_finish_output();
}

static const ms_cli_summary_opts defaults = MS_CLI_SUMMARY_DEFAULTS;

const ms_command ms_cmd_analyze = {
    .name = "analyze",
    .bit = MS_C_ANALYZE,
    .usage = "memscope analyze [options] DUMP",
    .about = "Summarize a heap dump: objects, references, bytes, dangling references,\n"
             "roots (and the rule that found them), the type histogram with retained\n"
             "sizes, the largest retainers, leak suspects with their retaining paths,\n"
             "reference cycles by shape, garbage, and allocation sites when the dump\n"
             "has them. DUMP is a file, or - for standard input. TSV output is the\n"
             "type table.\n",
    .summary = "summary: types, retainers, suspects, cycles, garbage",
    .flags = MS_CMD_LOADS,
    .operands = 1,
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .run = run,
};
