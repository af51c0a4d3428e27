/* main.c — the command table and the dispatcher. Adding a command touches
 * this table, its src/cli/cmd_NAME.c, its bit in src/cli/options.h and its
 * options in src/cli/options.c, its tests in tests/cli/ and its section in
 * man/memscope.1 (its option lists come from `make man`).
 *
 * The dispatcher does what every command shares: the options, --help, the
 * operand count, --format where it does not apply, loading the dump; then
 * the command's run, whose exit code main returns. Messages go to stderr
 * through src/cli/messages.c. */
#include "cli/cli.h"
#include "memscope/alloc.h"
#include "memscope/common.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In the order of `memscope --help`, and of the MS_C_* bits (options.h). */
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
    &ms_cmd_index,
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
    fputs("\nEvery command takes --help; those that print tables, --format table|tsv|json.\n"
          "See memscope(1) and memscope-format(5).\n", f);
}

/* `memscope --generate man-options`: the man page's option lists, for
 * `make man` and tests/checks/check_options.py. */
static int generate(const char *what)
{
    if (!what || strcmp(what, "man-options") != 0) {
        ms_cli_error("--generate: expected man-options");
        return MS_EXIT_USAGE;
    }
    const char *names[NCOMMANDS];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i]->name;
    ms_options_man(stdout, names, NCOMMANDS);
    return ms_cli_finish_output();
}

/* Runs cmd on argv (argv[0] is its name). */
static int dispatch(const ms_command *cmd, int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, cmd);
    void *opts = ms_calloc(1, cmd->opts_size ? cmd->opts_size : 1);
    if (cmd->defaults)
        memcpy(opts, cmd->defaults, cmd->opts_size);
    ms_heap *h = NULL;
    int r = ms_cli_options(&cli, argc, argv, opts);
    if (r == MS_CLI_DONE) {
        r = 0;
        goto out;
    }
    if (r)
        goto out;
    if ((cmd->flags & MS_CMD_NO_FORMAT) && cli.format_given) {
        r = ms_cli_usage_error(&cli, "--format does not apply: %s writes %s", cmd->name,
                               cmd->writes);
        goto out;
    }
    if (cmd->operands && (r = ms_cli_operands(&cli, argc, cmd->operands)))
        goto out;
    char **operands = argv + optind;
    int n = argc - optind;
    if (cmd->check && (r = cmd->check(&cli, opts, operands, n)))
        goto out;
    if ((cmd->flags & MS_CMD_LOADS) &&
        (r = ms_cli_load(&cli, operands[cmd->flags & MS_CMD_DUMP_LAST ? n - 1 : 0], &h)))
        goto out;
    r = cmd->run(&cli, opts, operands, n, h);
out:
    if (h)
        ms_heap_free(h);
    if (cmd->free)
        cmd->free(opts);
    free(opts);
    return r;
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
        if (strcmp(a, "--generate") == 0)
            return generate(argv[i + 1]);
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            ms_cli_global_quiet = true;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
            ms_cli_global_verbose = true;
        else {
            ms_cli_error("unknown option '%s' (see 'memscope --help')", a);
            return MS_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return MS_EXIT_USAGE;
    }
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(argv[i], commands[k]->name) == 0)
            return dispatch(commands[k], argc - i, argv + i);
    ms_cli_error("unknown command '%s' (see 'memscope --help')", argv[i]);
    return MS_EXIT_USAGE;
}
