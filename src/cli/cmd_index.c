/* cmd_index.c — `memscope index DUMP [-o FILE]`: parses the dump and
 * writes its index, which later commands open instead of parsing. Prints
 * the index's path. */
#include "cli.h"
#include "memscope/index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct opts {
    const char *output;
} opts;

static int opt(ms_cli *cli, void *o, int id, const char *arg)
{
    if (id == MS_OPT_OUTPUT) {
        ((opts *)o)->output = arg;
        return 0;
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)n;
    const opts *o = opts_;
    const char *dump = operands[0];
    if (!strcmp(dump, "-"))
        return ms_cli_usage_error(cli, "an index belongs to a file: standard input has none");
    char *place = o->output ? NULL : ms_cli_index_place(dump);
    const char *out = o->output ? o->output : place;
    if (!out) {
        ms_cli_error("%s: no folder to write its index in", dump);
        return MS_EXIT_IO;
    }
    double t0 = ms_now();
    ms_error err = { 0 };
    ms_status st = ms_index_write(h, dump, out, &err);
    if (st != MS_OK) {
        free(place);
        ms_cli_error("%s", err.msg);
        return ms_status_exit(st);
    }
    if (cli->verbose)
        ms_cli_error("wrote the index in %.3f s", ms_now() - t0);
    printf("%s\n", out);
    free(place);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_index = {
    .name = "index",
    .bit = MS_C_INDEX,
    .usage = "memscope index [options] DUMP",
    .about = "Write DUMP's index: its graph, strings, roots, referrers and dominator\n"
             "tree in a file that every later command on DUMP opens in place of\n"
             "parsing it. The index is DUMP.msi beside the dump, or in the cache\n"
             "folder when the dump's folder cannot be written; its path is printed.\n"
             "An index belongs to its dump as the dump is: a dump changed since is\n"
             "parsed again. Dumps of 256 MiB or more get their index written by the\n"
             "first command that reads them.\n",
    .summary = "write the dump's index, which later commands open at once",
    .flags = MS_CMD_LOADS | MS_CMD_PARSE | MS_CMD_NO_FORMAT,
    .writes = "an index file",
    .operands = 1,
    .opts_size = sizeof(opts),
    .option = opt,
    .run = run,
};
