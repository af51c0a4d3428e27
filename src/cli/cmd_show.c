/* cmd_show.c — `memscope show DUMP OBJ`: one object, what it references and
 * what references it. */
#include "cli.h"

typedef struct opts {
    uint64_t id;
} opts;

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    (void)n;
    opts *o = opts_;
    return ms_cli_obj_arg(cli, operands[1], &o->id);
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)n;
    opts *o = opts_;
    uint32_t node;
    int r = ms_cli_find(h, o->id, operands[1], &node);
    if (r)
        return r;
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_report_object(stdout, cli->format, h, &roots, node);
    ms_roots_free(&roots);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_show = {
    .name = "show",
    .bit = MS_C_SHOW,
    .usage = "memscope show [options] DUMP OBJ",
    .about = "Show one object: id, type, size, name or value, len, rc, gc, its\n"
             "references in dump order and its referrers. OBJ is a decimal or 0x-hex id.\n",
    .summary = "one object, its references and referrers",
    .flags = MS_CMD_LOADS,
    .operands = 2,
    .opts_size = sizeof(opts),
    .check = check,
    .run = run,
};
