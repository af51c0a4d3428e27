/* cmd_garbage.c — `memscope garbage DUMP`: objects the roots do not reach. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

static const char usage[] =
    "usage: memscope garbage [options] DUMP\n"
    "\n"
    "List the objects unreachable from the roots over strong references:\n"
    "what a tracing or cycle collector would free. Rows: id type size tracked\n"
    "cycle; tracked is 1 or 0 as the dump's \"gc\" says (empty if it does not),\n"
    "cycle is the number `memscope cycles` gives the object's cycle (empty if\n"
    "none).\n"
    "\n"
    "Options:\n"
    MS_CLI_COMMON_HELP;

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_garbage);
    int r = ms_cli_options(&cli, argc, argv, NULL, NULL, NULL);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    ms_analysis a;
    ms_cli_analyze(&cli, h, MS_RUN_REACHABLE | MS_RUN_CYCLES, &a);
    ms_report_garbage(stdout, cli.format, h, &a.dom, &a.cycles);
    ms_analysis_free(&a);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_garbage = {
    "garbage", run, usage, "objects unreachable from the roots",
};
