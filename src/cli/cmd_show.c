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
    static const struct option longopts[] = {
        MS_CLI_COMMON_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":" MS_CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        int r = ms_cli_common_opt(&cli, c, optarg, argv);
        if (r == -2)
            return 0;
        if (r)
            return r;
    }
    if (argc - optind != 2)
        return ms_cli_usage_error(&cli, argc - optind < 2 ? "expected DUMP and OBJ"
                                                          : "too many arguments");
    uint64_t id;
    const char *obj = argv[optind + 1];
    if (ms_cli_parse_id(obj, &id))
        return ms_cli_usage_error(&cli, "OBJ: expected a decimal or 0x-hex id, got '%s'", obj);
    ms_heap *h;
    int rc = ms_cli_load(&cli, argv[optind], &h);
    if (rc)
        return rc;
    uint32_t node = ms_heap_find(h, id);
    if (node == MS_NONE) {
        fprintf(stderr, "memscope: %s: no object with id %s\n", h->source, obj);
        ms_heap_free(h);
        return MS_EXIT_NOTFOUND;
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
