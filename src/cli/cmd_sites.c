/* cmd_sites.c — `memscope sites DUMP`: objects by allocation site, with
 * retained bytes. Parses options, loads, runs the dominators, groups,
 * prints. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope sites [options] DUMP\n"
    "\n"
    "Objects by allocation site: how many each line of code made, their bytes\n"
    "and what they retain (objects dominated by another of the same site\n"
    "counted once), with the type most of them are. Sites come from the dump:\n"
    "memscope_dump.py under tracemalloc, or a V8 snapshot taken with\n"
    "allocation tracking (node --track-heap-objects). TSV columns: site count\n"
    "bytes retained top_type.\n"
    "\n"
    "Options:\n"
    "      --frames N        group by the innermost N frames (default 1)\n"
    "      --cumulative      credit every frame of each stack\n"
    "      --top N           rows (default 20, 0 = all)\n"
    "      --sort KEY        order by retained (default), bytes or count\n"
    MS_CLI_COMMON_HELP;

enum { OPT_FRAMES = 1, OPT_CUMULATIVE, OPT_TOP, OPT_SORT };

typedef struct opts {
    uint32_t frames, top;
    bool cumulative, frames_given;
    ms_type_sort sort;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    switch (c) {
    case OPT_FRAMES:
        o->frames_given = true;
        if (ms_cli_parse_u32(cli, "--frames", arg, &o->frames))
            return MS_EXIT_USAGE;
        if (!o->frames)
            return ms_cli_usage_error(cli, "--frames: expected 1 or more, got 0");
        return 0;
    case OPT_CUMULATIVE:
        o->cumulative = true;
        return 0;
    case OPT_TOP:
        return ms_cli_parse_u32(cli, "--top", arg, &o->top);
    case OPT_SORT:
        return ms_cli_parse_type_sort(cli, arg, &o->sort);
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_sites);
    static const struct option longopts[] = {
        { "frames", required_argument, NULL, OPT_FRAMES },
        { "cumulative", no_argument, NULL, OPT_CUMULATIVE },
        { "top", required_argument, NULL, OPT_TOP },
        { "sort", required_argument, NULL, OPT_SORT },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .frames = 1, .top = 20, .sort = MS_SORT_RETAINED };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;
    if (o.cumulative && o.frames_given)
        return ms_cli_usage_error(&cli, "--cumulative credits single frames: no --frames with it");
    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    if (!h->site) {
        fprintf(stderr, "memscope: %s: the dump has no allocation sites (dump under tracemalloc, "
                        "or take the V8 snapshot with allocation tracking)\n", h->source);
        ms_heap_free(h);
        return MS_EXIT_FINDINGS;
    }
    ms_analysis an;
    ms_cli_analyze(&cli, h, MS_RUN_DOMINATORS, &an);
    ms_site_table st;
    ms_sites_group(h, &an.dom, o.frames, o.cumulative, o.sort, &st);
    ms_report_sites(stdout, cli.format, h, &st, o.top);
    ms_site_table_free(&st);
    ms_analysis_free(&an);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_sites = {
    "sites", run, usage, "objects by allocation site, with retained bytes",
};
