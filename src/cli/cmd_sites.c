/* cmd_sites.c — `memscope sites DUMP`: objects by allocation site, with
 * retained bytes. Loads, runs the dominators, groups, prints. */
#include "cli.h"

typedef struct opts {
    uint32_t frames, top;
    bool cumulative, frames_given;
    ms_type_sort sort;
} opts;

static int opt(ms_cli *cli, void *opts_, int id, const char *arg)
{
    opts *o = opts_;
    switch (id) {
    case MS_OPT_FRAMES:
        o->frames_given = true;
        if (ms_cli_parse_u32(cli, "--frames", arg, &o->frames))
            return MS_EXIT_USAGE;
        if (!o->frames)
            return ms_cli_usage_error(cli, "--frames: expected 1 or more, got 0");
        return 0;
    case MS_OPT_CUMULATIVE:
        o->cumulative = true;
        return 0;
    case MS_OPT_TOP:
        return ms_cli_parse_top(cli, arg, &o->top);
    case MS_OPT_SORT:
        return ms_cli_parse_type_sort(cli, arg, &o->sort);
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    (void)operands;
    (void)n;
    const opts *o = opts_;
    if (o->cumulative && o->frames_given)
        return ms_cli_usage_error(cli, "--cumulative credits single frames: no --frames with it");
    return 0;
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    const opts *o = opts_;
    if (!h->site) {
        ms_cli_error("%s: the dump has no allocation sites (dump under tracemalloc, or take "
                     "the V8 snapshot with allocation tracking)", h->source);
        return MS_EXIT_FINDINGS;
    }
    ms_analysis an;
    ms_cli_analyze(cli, h, MS_RUN_DOMINATORS, &an);
    ms_site_table st;
    ms_sites_group(h, &an.dom, o->frames, o->cumulative, o->sort, &st);
    ms_report_sites(stdout, cli->format, h, &st, ms_cli_top(cli, o->top));
    ms_site_table_free(&st);
    ms_analysis_free(&an);
    return ms_cli_finish_output();
}

static const opts defaults = { .frames = 1, .top = MS_CLI_TOP_UNSET, .sort = MS_SORT_RETAINED };

const ms_command ms_cmd_sites = {
    .name = "sites",
    .bit = MS_C_SITES,
    .usage = "memscope sites [options] DUMP",
    .about = "Objects by allocation site: how many each line of code made, their bytes\n"
             "and what they retain (objects dominated by another of the same site\n"
             "counted once), with the type most of them are. Sites come from the dump:\n"
             "memscope_dump.py under tracemalloc, or a V8 snapshot taken with\n"
             "allocation tracking (node --track-heap-objects). TSV columns: site count\n"
             "bytes retained top_type.\n",
    .summary = "objects by allocation site, with retained bytes",
    .flags = MS_CMD_LOADS,
    .operands = 1,
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
};
