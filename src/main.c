/* main.c — the command table and dispatcher. Adding a command touches this
 * table, its src/cli/cmd_NAME.c, its tests in tests/cli/ and its section in
 * man/memscope.1. Only main prints errors and picks the exit code. */
#include "cli/cli.h"
#include "memscope/alloc.h"
#include "memscope/common.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ms_command *const commands[] = {
    &ms_cmd_analyze,
    &ms_cmd_show,
    &ms_cmd_dominators,
    &ms_cmd_cycles,
    &ms_cmd_garbage,
    &ms_cmd_path,
    &ms_cmd_graph,
    &ms_cmd_diff,
    &ms_cmd_sites,
    &ms_cmd_report,
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const char usage_head[] =
    "usage: memscope [-q] [-v] COMMAND [options] DUMP [args]\n"
    "       memscope --help | --version\n"
    "\n"
    "Analyze a heap dump: what holds the memory, through which path.\n"
    "\n"
    "Commands:\n";

static void usage(FILE *f)
{
    fputs(usage_head, f);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-11s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\nEvery command takes --format table|tsv|json and --help.\n"
          "See memscope(1) and memscope-format(5).\n", f);
}

/* cJSON allocates through ms_malloc: out of memory ends the same way. */
static void *json_alloc(size_t size)
{
    return ms_malloc(size);
}

int main(int argc, char **argv)
{
    cJSON_InitHooks(&(cJSON_Hooks){ .malloc_fn = json_alloc, .free_fn = free });
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return ms_cli_finish_output();
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("memscope %s\n", MS_VERSION);
            return ms_cli_finish_output();
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            ms_cli_global_quiet = true;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
            ms_cli_global_verbose = true;
        else {
            fprintf(stderr, "memscope: unknown option '%s' (see 'memscope --help')\n", a);
            return MS_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return MS_EXIT_USAGE;
    }
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(argv[i], commands[k]->name) == 0)
            return commands[k]->run(argc - i, argv + i);
    fprintf(stderr, "memscope: unknown command '%s' (see 'memscope --help')\n", argv[i]);
    return MS_EXIT_USAGE;
}
