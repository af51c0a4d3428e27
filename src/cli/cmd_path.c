/* cmd_path.c — `memscope path DUMP OBJ`: the shortest retaining path from a
 * root to OBJ. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "usage: memscope path [options] DUMP OBJ\n"
    "\n"
    "Print the shortest chain of strong references from a root to OBJ (a\n"
    "decimal or 0x-hex id), one hop per line with the name of the edge\n"
    "followed. Rows: depth id type edge. Exits with 1 if OBJ is unreachable\n"
    "(garbage).\n"
    "\n"
    "Options:\n"
    MS_CLI_COMMON_HELP;

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_path);
    int r = ms_cli_options(&cli, argc, argv, NULL, NULL, NULL);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 2)))
        return r;
    const char *obj = argv[optind + 1];
    uint64_t id;
    if ((r = ms_cli_obj_arg(&cli, obj, &id)))
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    uint32_t node;
    if ((r = ms_cli_find(h, id, obj, &node))) {
        ms_heap_free(h);
        return r;
    }
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_cli_roots_check(h, &roots);
    uint32_t *parent = ms_bfs_parents(h, &roots, &node, 1);
    uint32_t *path;
    uint32_t len = ms_path_from_parents(parent, node, &path);
    if (!len) {
        fprintf(stderr, "memscope: %s: object %s is unreachable from the roots (garbage): no "
                        "retaining path\n", h->source, obj);
        r = MS_EXIT_FINDINGS;
    } else {
        ms_report_path(stdout, cli.format, h, &roots, path, len);
        r = ms_cli_finish_output();
    }
    free(path);
    free(parent);
    ms_roots_free(&roots);
    ms_heap_free(h);
    return r;
}

const ms_command ms_cmd_path = {
    "path", run, usage, "the shortest retaining path from a root to an object",
};
