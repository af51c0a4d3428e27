/* cmd_dominators.c — `memscope dominators DUMP`: the dominator tree with
 * retained sizes; the table pruned by depth and size unless --all. */
#include "cli.h"

#include <stdio.h>

typedef struct opts {
    const char *root;
    uint64_t root_id;
    uint32_t depth;
    uint64_t min_retained;
    bool all, depth_set, min_set;
} opts;

static int opt(ms_cli *cli, void *opts_, int id, const char *arg)
{
    opts *o = opts_;
    switch (id) {
    case MS_OPT_ROOT:
        o->root = arg;
        return 0;
    case MS_OPT_DEPTH:
        o->depth_set = true;
        return ms_cli_parse_u32(cli, "--depth", arg, &o->depth);
    case MS_OPT_MIN_RETAINED:
        o->min_set = true;
        return ms_cli_parse_bytes(cli, "--min-retained", arg, &o->min_retained);
    case MS_OPT_ALL:
        o->all = true;
        return 0;
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    (void)operands;
    (void)n;
    opts *o = opts_;
    return o->root ? ms_cli_obj_arg(cli, o->root, &o->root_id) : 0;
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    const opts *o = opts_;
    uint32_t node = MS_NONE;
    int r;
    if (o->root && (r = ms_cli_find(h, o->root_id, o->root, &node)))
        return r;
    ms_analysis a;
    ms_cli_analyze(cli, h, MS_RUN_DOMINATORS, &a);
    ms_domtree_view v = { 0 };
    if (node != MS_NONE && !(v.start = a.dom.num[node])) {
        ms_cli_error("%s: object %s is unreachable from the roots (garbage): it has no place "
                     "in the dominator tree", h->source, o->root);
        r = MS_EXIT_FINDINGS;
    } else {
        /* TSV and JSON feed scripts: every object unless --depth or
         * --min-retained prunes; the table, for people, is pruned. */
        bool all = o->all || (cli->format != MS_FORMAT_TABLE && !o->depth_set && !o->min_set);
        v.depth = o->depth_set || !all ? o->depth : 0;
        if (o->min_set)
            v.min_retained = o->min_retained;
        else if (!all)
            v.min_retained = (a.dom.retained[0] + 99) / 100;
        ms_report_dominators(stdout, cli->format, h, &a.roots, &a.dom, &v);
        r = ms_cli_finish_output();
    }
    ms_analysis_free(&a);
    return r;
}

static const opts defaults = { .depth = 8 };

const ms_command ms_cmd_dominators = {
    .name = "dominators",
    .bit = MS_C_DOMINATORS,
    .usage = "memscope dominators [options] DUMP",
    .about = "Print the dominator tree: each object under the object it cannot outlive\n"
             "(its immediate dominator), children by retained size, largest first.\n"
             "Rows: id type size retained idom depth; idom is 'root' for objects\n"
             "dominated only by the virtual root above the roots.\n",
    .summary = "the dominator tree with retained sizes",
    .flags = MS_CMD_LOADS,
    .operands = 1,
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
};
