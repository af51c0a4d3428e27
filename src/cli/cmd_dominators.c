/* cmd_dominators.c — `memscope dominators DUMP`: the dominator tree with
 * retained sizes, pruned by depth and size unless --all. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdio.h>

static const char usage[] =
    "usage: memscope dominators [options] DUMP\n"
    "\n"
    "Print the dominator tree: each object under the object it cannot outlive\n"
    "(its immediate dominator), children by retained size, largest first.\n"
    "Rows: id type size retained idom depth; idom is 'root' for objects\n"
    "dominated only by the virtual root above the roots.\n"
    "\n"
    "Options:\n"
    "      --root OBJ        the subtree under OBJ (decimal or 0x-hex id)\n"
    "      --depth N         N levels (default 8; 0 = no limit)\n"
    "      --min-retained B  leave out objects retaining less than B bytes\n"
    "                        (K, M, G suffixes; default 1% of the reachable heap)\n"
    "      --all             every reachable object (no depth or size limit)\n"
    MS_CLI_COMMON_HELP;

enum { OPT_ROOT = 1, OPT_DEPTH, OPT_MIN, OPT_ALL };

typedef struct opts {
    const char *root;
    uint32_t depth;
    uint64_t min_retained;
    bool all, depth_set, min_set;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    switch (c) {
    case OPT_ROOT:
        o->root = arg;
        return 0;
    case OPT_DEPTH:
        o->depth_set = true;
        return ms_cli_parse_u32(cli, "--depth", arg, &o->depth);
    case OPT_MIN:
        o->min_set = true;
        return ms_cli_parse_bytes(cli, "--min-retained", arg, &o->min_retained);
    case OPT_ALL:
        o->all = true;
        return 0;
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_dominators);
    static const struct option longopts[] = {
        { "root", required_argument, NULL, OPT_ROOT },
        { "depth", required_argument, NULL, OPT_DEPTH },
        { "min-retained", required_argument, NULL, OPT_MIN },
        { "all", no_argument, NULL, OPT_ALL },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .depth = 8 };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 1)))
        return r;
    uint64_t id = 0;
    if (o.root && (r = ms_cli_obj_arg(&cli, o.root, &id)))
        return r;

    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    uint32_t node = MS_NONE;
    if (o.root && (r = ms_cli_find(h, id, o.root, &node))) {
        ms_heap_free(h);
        return r;
    }
    ms_analysis a;
    ms_cli_analyze(&cli, h, MS_RUN_DOMINATORS, &a);
    ms_domtree_view v = { 0 };
    if (node != MS_NONE && !(v.start = a.dom.num[node])) {
        fprintf(stderr, "memscope: %s: object %s is unreachable from the roots (garbage): it "
                        "has no place in the dominator tree\n", h->source, o.root);
        r = MS_EXIT_FINDINGS;
    } else {
        v.depth = o.depth_set || !o.all ? o.depth : 0;
        if (o.min_set)
            v.min_retained = o.min_retained;
        else if (!o.all)
            v.min_retained = (a.dom.retained[0] + 99) / 100;
        ms_report_dominators(stdout, cli.format, h, &a.roots, &a.dom, &v);
        r = ms_cli_finish_output();
    }
    ms_analysis_free(&a);
    ms_heap_free(h);
    return r;
}

const ms_command ms_cmd_dominators = {
    "dominators", run, usage, "the dominator tree with retained sizes",
};
