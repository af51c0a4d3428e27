/* cmd_garbage.c — `memscope garbage DUMP`: objects the roots do not reach. */
#include "cli.h"

static int run(ms_cli *cli, void *opts, char **operands, int n, ms_heap *h)
{
    (void)opts;
    (void)operands;
    (void)n;
    ms_analysis a;
    ms_cli_analyze(cli, h, MS_RUN_REACHABLE | MS_RUN_CYCLES, &a);
    ms_report_garbage(stdout, cli->format, h, &a.dom, &a.cycles);
    ms_analysis_free(&a);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_garbage = {
    .name = "garbage",
    .bit = MS_C_GARBAGE,
    .usage = "memscope garbage [options] DUMP",
    .about = "List the objects unreachable from the roots over strong references:\n"
             "what a tracing or cycle collector would free. Rows: id type size tracked\n"
             "cycle; tracked is 1 or 0 as the dump's \"gc\" says (empty if it does not),\n"
             "cycle is the number `memscope cycles` gives the object's cycle (empty if\n"
             "none).\n",
    .summary = "objects unreachable from the roots",
    .flags = MS_CMD_LOADS,
    .operands = 1,
    .run = run,
};
