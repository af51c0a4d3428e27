/* cmd_cycles.c — `memscope cycles DUMP`: reference cycles (strongly
 * connected components), reachable or garbage, or their members. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

static const char usage[] =
    "usage: memscope cycles [options] DUMP\n"
    "\n"
    "List reference cycles over strong references: groups of objects that\n"
    "all reach each other (or one object referencing itself), largest first,\n"
    "with size, bytes, status (reachable or garbage) and shape (member types).\n"
    "Rows: cycle size bytes status shape.\n"
    "\n"
    "Options:\n"
    "      --members         one row per member: cycle id type size\n"
    "      --min-size N      only cycles of at least N objects\n"
    MS_CLI_COMMON_HELP;

enum { OPT_MEMBERS = 1, OPT_MIN_SIZE };

typedef struct opts {
    bool members;
    uint32_t min_size;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    if (c == OPT_MEMBERS) {
        o->members = true;
        return 0;
    }
    if (c == OPT_MIN_SIZE)
        return ms_cli_parse_u32(cli, "--min-size", arg, &o->min_size);
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_cycles);
    static const struct option longopts[] = {
        { "members", no_argument, NULL, OPT_MEMBERS },
        { "min-size", required_argument, NULL, OPT_MIN_SIZE },
        { NULL, 0, NULL, 0 },
    };
    opts o = { 0 };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    ms_analysis a;
    ms_cli_analyze(&cli, h, MS_RUN_REACHABLE | MS_RUN_CYCLES, &a);
    ms_report_cycles(stdout, cli.format, h, &a.cycles, o.members, o.min_size);
    ms_analysis_free(&a);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_cycles = {
    "cycles", run, usage, "reference cycles, reachable or garbage",
};
