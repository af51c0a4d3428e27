/* cmd_path.c — `memscope path DUMP OBJ...`: the shortest retaining path
 * from a root to each OBJ; several from one load, "-" reading them from
 * standard input (objs.c, answers.c). */
#include "cli.h"
#include "memscope/pipeline.h"

#include <stdlib.h>

typedef struct opts {
    ms_cli_objs objs;
} opts;

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    opts *o = opts_;
    if (n < 2)
        return ms_cli_usage_error(cli, "expected DUMP and OBJ");
    return ms_cli_objs_read(cli, (const char *const *)operands + 1, (size_t)n - 1, operands[0],
                            true, &o->objs);
}

/* Prints the path to ob into ans; returns 0, or the exit code of no answer
 * (MS_EXIT_NOTFOUND, MS_EXIT_FINDINGS) after its message. *roots is found
 * (and its warning printed) at the first object in the dump. */
static int one(const ms_cli *cli, const ms_heap *h, ms_roots *roots, bool *have_roots,
               const ms_cli_obj *ob, ms_cli_answers *ans)
{
    uint32_t *targets, ntargets;
    ms_status st = ms_path_targets(h, ob->id, ob->type, &targets, &ntargets);
    if (st != MS_OK) {
        if (ob->type)
            ms_cli_error("%s: no object of type %s", h->source, ob->type);
        else
            ms_cli_error("%s: no object with id %s", h->source, ob->text);
        return ms_status_exit(st);
    }
    if (!*have_roots) {
        ms_roots_find(h, roots);
        ms_cli_roots_warn(h, roots);
        *have_roots = true;
    }
    uint32_t *path;
    uint32_t len = ms_path_find(h, roots, targets, ntargets, &path);
    free(targets);
    if (!len) {
        if (ob->type)
            ms_cli_error("%s: every object of type %s is unreachable from the roots (garbage): "
                         "no retaining path", h->source, ob->type);
        else
            ms_cli_error("%s: object %s is unreachable from the roots (garbage): no retaining "
                         "path", h->source, ob->text);
        free(path);
        return MS_EXIT_FINDINGS;
    }
    ms_report_path(ms_cli_answer_begin(ans), cli->format, h, roots, path, len);
    ms_cli_answer_end(ans, ob->text);
    free(path);
    return 0;
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    opts *o = opts_;
    ms_roots roots;
    bool have_roots = false;
    ms_cli_answers ans;
    ms_cli_answers_init(&ans, cli, o->objs.several);
    bool missing = false, garbage = false;
    for (size_t i = 0; i < o->objs.n; i++) {
        int r = one(cli, h, &roots, &have_roots, &o->objs.v[i], &ans);
        if (r)
            ms_cli_answer_none(&ans);
        missing |= r == MS_EXIT_NOTFOUND;
        garbage |= r == MS_EXIT_FINDINGS;
    }
    if (have_roots)
        ms_roots_free(&roots);
    int r = ms_cli_answers_finish(&ans);
    return r ? r : missing ? MS_EXIT_NOTFOUND : garbage ? MS_EXIT_FINDINGS : 0;
}

static void free_opts(void *opts_)
{
    opts *o = opts_;
    ms_cli_objs_free(&o->objs);
}

const ms_command ms_cmd_path = {
    .name = "path",
    .bit = MS_C_PATH,
    .usage = "memscope path [options] DUMP OBJ...",
    .about = "Print the shortest chain of strong references from a root to OBJ (a\n"
             "decimal or 0x-hex id, or type:NAME for the object of type NAME nearest\n"
             "a root), one hop per line with the name of the edge followed. Rows:\n"
             "depth id type edge. Exits with 1 if OBJ is unreachable (garbage).\n"
             "Several OBJs, or - for OBJs on standard input (one a line), are answered\n"
             "from one load: tables one after another, TSV with an obj column first, a\n"
             "JSON array (null where there is no path); exit 5 if any was not found,\n"
             "else 1 if any was garbage.\n",
    .summary = "the shortest retaining path from a root to an object",
    .flags = MS_CMD_LOADS,
    .opts_size = sizeof(opts),
    .check = check,
    .run = run,
    .free = free_opts,
};
