/* cmd_show.c — `memscope show DUMP OBJ...`: objects, each with what it
 * references and what references it; several from one load, "-" reading
 * ids from standard input (objs.c, answers.c). */
#include "cli.h"

typedef struct opts {
    ms_cli_objs objs;
} opts;

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    opts *o = opts_;
    if (n < 2)
        return ms_cli_usage_error(cli, "expected DUMP and OBJ");
    return ms_cli_objs_read(cli, (const char *const *)operands + 1, (size_t)n - 1, operands[0],
                            false, &o->objs);
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    opts *o = opts_;
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_cli_answers ans;
    ms_cli_answers_init(&ans, cli, o->objs.several);
    int missing = 0;
    for (size_t i = 0; i < o->objs.n; i++) {
        const ms_cli_obj *ob = &o->objs.v[i];
        uint32_t node;
        int r = ms_cli_find(h, ob->id, ob->text, &node);
        if (r) {
            missing = r;
            ms_cli_answer_none(&ans);
            continue;
        }
        ms_report_object(ms_cli_answer_begin(&ans), cli->format, h, &roots, node);
        ms_cli_answer_end(&ans, ob->text);
    }
    ms_roots_free(&roots);
    int r = ms_cli_answers_finish(&ans);
    return r ? r : missing;
}

static void free_opts(void *opts_)
{
    opts *o = opts_;
    ms_cli_objs_free(&o->objs);
}

const ms_command ms_cmd_show = {
    .name = "show",
    .bit = MS_C_SHOW,
    .usage = "memscope show [options] DUMP OBJ...",
    .about = "Show objects: id, type, size, name or value, len, rc, gc, references in\n"
             "dump order and referrers. OBJ is a decimal or 0x-hex id, or - for ids on\n"
             "standard input, one a line. Several objects: tables one after another, TSV\n"
             "with an obj column first, a JSON array (null where not found); exit 5\n"
             "after the others if any was not found.\n",
    .summary = "one object, its references and referrers",
    .flags = MS_CMD_LOADS,
    .opts_size = sizeof(opts),
    .check = check,
    .run = run,
    .free = free_opts,
};
