/* cmd_cycles.c — `memscope cycles DUMP`: reference cycles (strongly
 * connected components), reachable or garbage, or their members. */
#include "cli.h"

typedef struct opts {
    bool members;
    uint32_t min_size;
} opts;

static int opt(ms_cli *cli, void *opts_, int id, const char *arg)
{
    opts *o = opts_;
    if (id == MS_OPT_MEMBERS) {
        o->members = true;
        return 0;
    }
    if (id == MS_OPT_MIN_SIZE)
        return ms_cli_parse_u32(cli, "--min-size", arg, &o->min_size);
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    const opts *o = opts_;
    ms_analysis a;
    ms_cli_analyze(cli, h, MS_RUN_REACHABLE | MS_RUN_CYCLES, &a);
    ms_report_cycles(stdout, cli->format, h, &a.cycles, o->members, o->min_size);
    ms_analysis_free(&a);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_cycles = {
    .name = "cycles",
    .bit = MS_C_CYCLES,
    .usage = "memscope cycles [options] DUMP",
    .about = "List reference cycles over strong references: groups of objects that\n"
             "all reach each other (or one object referencing itself), largest first,\n"
             "with size, bytes, status (reachable or garbage) and shape (member types).\n"
             "Rows: cycle size bytes status shape.\n",
    .summary = "reference cycles, reachable or garbage",
    .flags = MS_CMD_LOADS,
    .operands = 1,
    .opts_size = sizeof(opts),
    .option = opt,
    .run = run,
};
