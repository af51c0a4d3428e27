/* cmd_path.c — `memscope path DUMP OBJ`: the shortest retaining path from a
 * root to OBJ. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope path [options] DUMP OBJ\n"
    "\n"
    "Print the shortest chain of strong references from a root to OBJ (a\n"
    "decimal or 0x-hex id, or type:NAME for the object of type NAME nearest\n"
    "a root), one hop per line with the name of the edge followed. Rows:\n"
    "depth id type edge. Exits with 1 if OBJ is unreachable (garbage).\n"
    "\n"
    "Options:\n"
    MS_CLI_COMMON_HELP;

/* The nodes OBJ names: one id, or every object of type:NAME (*targets
 * freed by the caller). Returns 0 or an exit code after a message. */
static int targets_of(const ms_heap *h, const char *obj, uint32_t **targets, uint32_t *n)
{
    *targets = NULL;
    *n = 0;
    if (strncmp(obj, "type:", 5) == 0) {
        uint32_t t = ms_strpool_find(&h->strings, obj + 5, strlen(obj + 5));
        uint32_t *out = ms_malloc((size_t)(h->n ? h->n : 1) * sizeof *out);
        for (uint32_t i = 0; i < h->n && t != UINT32_MAX; i++)
            if (h->type[i] == t)
                out[(*n)++] = i;
        if (!*n) {
            free(out);
            fprintf(stderr, "memscope: %s: no object of type %s\n", h->source, obj + 5);
            return MS_EXIT_NOTFOUND;
        }
        *targets = out;
        return 0;
    }
    uint64_t id;
    uint32_t node;
    ms_cli_parse_id(obj, &id);
    int r = ms_cli_find(h, id, obj, &node);
    if (r)
        return r;
    *targets = ms_malloc(sizeof **targets);
    (*targets)[0] = node;
    *n = 1;
    return 0;
}

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
    if ((r = ms_cli_obj_or_type_arg(&cli, obj)))
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(&cli, argv[optind], &h)))
        return r;
    uint32_t *targets, ntargets;
    if ((r = targets_of(h, obj, &targets, &ntargets))) {
        ms_heap_free(h);
        return r;
    }
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_cli_roots_check(h, &roots);
    uint32_t *parent = ms_bfs_parents(h, &roots, targets, ntargets);
    uint32_t *path = NULL, len = 0;
    uint32_t k = ms_path_nearest(parent, h->n, targets, ntargets);
    if (k != MS_NONE)
        len = ms_path_from_parents(parent, targets[k], &path);
    if (!len) {
        if (strncmp(obj, "type:", 5) == 0)
            fprintf(stderr, "memscope: %s: every object of type %s is unreachable from the roots "
                            "(garbage): no retaining path\n", h->source, obj + 5);
        else
            fprintf(stderr, "memscope: %s: object %s is unreachable from the roots (garbage): "
                            "no retaining path\n", h->source, obj);
        r = MS_EXIT_FINDINGS;
    } else {
        ms_report_path(stdout, cli.format, h, &roots, path, len);
        r = ms_cli_finish_output();
    }
    free(path);
    free(targets);
    free(parent);
    ms_roots_free(&roots);
    ms_heap_free(h);
    return r;
}

const ms_command ms_cmd_path = {
    "path", run, usage, "the shortest retaining path from a root to an object",
};
