/* cmd_path.c — `memscope path DUMP OBJ`: the shortest retaining path from a
 * root to OBJ. */
#include "cli.h"
#include "memscope/pipeline.h"

#include <stdlib.h>
#include <string.h>

static int check(ms_cli *cli, void *opts, char **operands, int n)
{
    (void)opts;
    (void)n;
    return ms_cli_obj_or_type_arg(cli, operands[1]);
}

static int run(ms_cli *cli, void *opts, char **operands, int n, ms_heap *h)
{
    (void)opts;
    (void)n;
    const char *obj = operands[1];
    const char *type = strncmp(obj, "type:", 5) == 0 ? obj + 5 : NULL;
    uint64_t id = 0;
    if (!type)
        ms_cli_parse_id(obj, &id);
    uint32_t *targets, ntargets;
    ms_status st = ms_path_targets(h, id, type, &targets, &ntargets);
    if (st != MS_OK) {
        if (type)
            ms_cli_error("%s: no object of type %s", h->source, type);
        else
            ms_cli_error("%s: no object with id %s", h->source, obj);
        return ms_status_exit(st);
    }
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_cli_roots_warn(h, &roots);
    uint32_t *path;
    uint32_t len = ms_path_find(h, &roots, targets, ntargets, &path);
    int r;
    if (!len) {
        if (type)
            ms_cli_error("%s: every object of type %s is unreachable from the roots (garbage): "
                         "no retaining path", h->source, type);
        else
            ms_cli_error("%s: object %s is unreachable from the roots (garbage): no retaining "
                         "path", h->source, obj);
        r = MS_EXIT_FINDINGS;
    } else {
        ms_report_path(stdout, cli->format, h, &roots, path, len);
        r = ms_cli_finish_output();
    }
    free(path);
    free(targets);
    ms_roots_free(&roots);
    return r;
}

const ms_command ms_cmd_path = {
    .name = "path",
    .bit = MS_C_PATH,
    .usage = "memscope path [options] DUMP OBJ",
    .about = "Print the shortest chain of strong references from a root to OBJ (a\n"
             "decimal or 0x-hex id, or type:NAME for the object of type NAME nearest\n"
             "a root), one hop per line with the name of the edge followed. Rows:\n"
             "depth id type edge. Exits with 1 if OBJ is unreachable (garbage).\n",
    .summary = "the shortest retaining path from a root to an object",
    .flags = MS_CMD_LOADS,
    .operands = 2,
    .check = check,
    .run = run,
};
