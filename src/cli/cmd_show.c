/* cmd_show.c — `memscope show DUMP OBJ`: one object, what it references and
 * what references it. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdio.h>

static const char usage[] =
    "usage: memscope show [options] DUMP OBJ\n"
    "\n"
    "Show one object: id, type, size, name or value, len, rc, gc, its\n"
    "references in dump order and its referrers. OBJ is a decimal or 0x-hex id.\n"
    "\n"
    "Options:\n"
    MS_CLI_COMMON_HELP;

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_show);
    int r = ms_cli_options(&cli, argc, argv, NULL, NULL, NULL);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    if ((r = ms_cli_operands(&cli, argc, 2)))
        return r;
    uint64_t id;
    const char *obj = argv[optind + 1];
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
    ms_report_object(stdout, cli.format, h, &roots, node);
    ms_roots_free(&roots);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_show = {
    "show", run, usage, "one object, its references and referrers",
};
