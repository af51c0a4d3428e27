/* parse.c — the command line of a command: its options (getopt's tables
 * built from ms_options[]), its --help, and the parsers of option values
 * and operands. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/id.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ms_cli_global_quiet, ms_cli_global_verbose;

void ms_cli_init(ms_cli *cli, const ms_command *cmd)
{
    memset(cli, 0, sizeof *cli);
    cli->cmd = cmd;
    cli->format = MS_FORMAT_TABLE;
    cli->quiet = ms_cli_global_quiet;
    cli->verbose = ms_cli_global_verbose;
    opterr = 0;
    optind = 1;
}

void ms_cli_help(FILE *f, const ms_command *cmd)
{
    fprintf(f, "usage: %s\n\n%s\n", cmd->usage, cmd->about);
    if (ms_options_any(cmd->bit, MS_GROUP_DIAGRAM)) {
        fputs("Diagrams (one of):\n", f);
        ms_options_help(f, cmd->bit, MS_GROUP_DIAGRAM);
        fputc('\n', f);
    }
    fputs("Options:\n", f);
    ms_options_help(f, cmd->bit, MS_GROUP_OWN);
    if (cmd->epilog)
        fprintf(f, "\n%s", cmd->epilog);
}

/* Handles a common option returned by getopt_long. Returns -1 if c is not
 * a common option, else an exit code to stop with (printing help or an
 * error: MS_CLI_DONE after help), or 0 to go on. Unknown options ('?') are
 * reported here too. */
static int common_opt(ms_cli *cli, int c, const char *arg, char **argv)
{
    switch (c) {
    case MS_OPT_FORMAT:
        if (ms_format_parse(arg, &cli->format))
            return ms_cli_usage_error(cli, "--format: expected table, tsv or json, got '%s'", arg);
        cli->format_given = true;
        return 0;
    case MS_OPT_INPUT_FORMAT:
        if (ms_input_format_parse(arg, &cli->input_format))
            return ms_cli_usage_error(cli, "--input-format: expected %s, got '%s'",
                                      ms_input_format_names(), arg);
        return 0;
    case MS_OPT_RAW_SIZES:
        cli->raw_sizes = true;
        return 0;
    case MS_OPT_NO_INDEX:
        cli->no_index = true;
        return 0;
    case MS_OPT_QUIET:
        cli->quiet = true;
        return 0;
    case MS_OPT_VERBOSE:
        cli->verbose = true;
        return 0;
    case MS_OPT_HELP:
        ms_cli_help(stdout, cli->cmd);
        return ms_cli_finish_output() ? MS_EXIT_IO : MS_CLI_DONE;
    case ':':
        return ms_cli_usage_error(cli, "option '%s' needs a value", argv[optind - 1]);
    case '?':
        if (optopt && optopt < 256)
            return ms_cli_usage_error(cli, "unknown option '-%c'", optopt);
        return ms_cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
    default:
        return -1;
    }
}

int ms_cli_options(ms_cli *cli, int argc, char **argv, void *opts)
{
    unsigned bit = cli->cmd->bit;
    /* getopt's tables, sized from ms_options[]: every option the command takes. */
    struct option *longopts = ms_malloc((ms_noptions + 1) * sizeof *longopts);
    char *shortopts = ms_malloc(2 + 3 * (size_t)ms_noptions);
    size_t nl = 0, ns = 0;
    shortopts[ns++] = ':';
    for (unsigned i = 0; i < ms_noptions; i++) {
        const ms_option *o = &ms_options[i];
        if (!(o->cmds & bit))
            continue;
        if (o->name)
            longopts[nl++] = (struct option){ o->name, o->has_arg, NULL, o->id };
        if (o->letter) {
            shortopts[ns++] = o->letter;
            for (int k = 0; k < o->has_arg; k++)
                shortopts[ns++] = ':';
        }
    }
    longopts[nl] = (struct option){ 0 };
    shortopts[ns] = '\0';
    int c, r = 0;
    while (!r && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        r = common_opt(cli, c, optarg, argv);
        if (r == -1)
            r = cli->cmd->option ? cli->cmd->option(cli, opts, c, optarg)
                                 : ms_cli_usage_error(cli, "unexpected option");
    }
    free(longopts);
    free(shortopts);
    return r;
}

int ms_cli_operands(const ms_cli *cli, int argc, int n)
{
    int have = argc - optind;
    if (have == n)
        return 0;
    if (have > n)
        return ms_cli_usage_error(cli, "too many arguments");
    return ms_cli_usage_error(cli, n == 1 ? "missing DUMP" : "expected DUMP and OBJ");
}

int ms_cli_parse_top(const ms_cli *cli, const char *arg, uint32_t *out)
{
    int r = ms_cli_parse_u32(cli, "--top", arg, out);
    if (!r && *out == MS_CLI_TOP_UNSET)
        *out = 0; /* as many rows as there can be: all */
    return r;
}

uint32_t ms_cli_top(const ms_cli *cli, uint32_t top)
{
    if (top != MS_CLI_TOP_UNSET)
        return top;
    return cli->format == MS_FORMAT_TABLE ? MS_CLI_TOP_TABLE : 0;
}

int ms_cli_parse_u32(const ms_cli *cli, const char *opt, const char *arg, uint32_t *out)
{
    char *end;
    errno = 0;
    if (!(*arg >= '0' && *arg <= '9'))
        return ms_cli_usage_error(cli, "%s: expected a non-negative integer, got '%s'", opt, arg);
    unsigned long long v = strtoull(arg, &end, 10);
    if (*end || errno || v > UINT32_MAX)
        return ms_cli_usage_error(cli, "%s: expected a non-negative integer below 2^32, got '%s'",
                                  opt, arg);
    *out = (uint32_t)v;
    return 0;
}

int ms_cli_parse_id(const char *arg, uint64_t *id)
{
    return ms_parse_id(arg, strlen(arg), id) == 0 ? 0 : -1;
}

int ms_cli_parse_bytes(const ms_cli *cli, const char *opt, const char *arg, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!(*arg >= '0' && *arg <= '9'))
        return ms_cli_usage_error(cli, "%s: expected a size in bytes (e.g. 4096, 64K, 10M), got '%s'",
                                  opt, arg);
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (*end || errno || v > (UINT64_MAX >> shift))
        return ms_cli_usage_error(cli, "%s: expected a size in bytes (e.g. 4096, 64K, 10M), got '%s'",
                                  opt, arg);
    *out = (uint64_t)v << shift;
    return 0;
}

int ms_cli_obj_check(const ms_cli *cli, const char *where, const char *arg, bool types,
                     uint64_t *id)
{
    if (types && strncmp(arg, "type:", 5) == 0) {
        if (!arg[5])
            return ms_cli_usage_error(cli, "%s: 'type:' needs a type name", where);
        return 0;
    }
    if (ms_cli_parse_id(arg, id))
        return ms_cli_usage_error(cli, "%s: expected a decimal or 0x-hex id%s, got '%s'", where,
                                  types ? " or type:NAME" : "", arg);
    return 0;
}

int ms_cli_obj_arg(const ms_cli *cli, const char *arg, uint64_t *id)
{
    return ms_cli_obj_check(cli, "OBJ", arg, false, id);
}

int ms_cli_obj_or_type_arg(const ms_cli *cli, const char *arg)
{
    uint64_t id;
    return ms_cli_obj_check(cli, "OBJ", arg, true, &id);
}

int ms_cli_parse_threshold(const ms_cli *cli, const char *arg, double *out)
{
    char *end;
    *out = strtod(arg, &end);
    if (end == arg || *end || !(*out > 0 && *out <= 100))
        return ms_cli_usage_error(cli, "--threshold: expected a percentage above 0 and at most "
                                       "100, got '%s'", arg);
    return 0;
}

int ms_cli_parse_type_sort(const ms_cli *cli, const char *arg, ms_type_sort *out)
{
    if (strcmp(arg, "bytes") == 0)
        *out = MS_SORT_BYTES;
    else if (strcmp(arg, "count") == 0)
        *out = MS_SORT_COUNT;
    else if (strcmp(arg, "retained") == 0)
        *out = MS_SORT_RETAINED;
    else
        return ms_cli_usage_error(cli, "--sort: expected bytes, count or retained, got '%s'", arg);
    return 0;
}

bool ms_cli_summary_option(const ms_cli *cli, int id, const char *arg, ms_cli_summary_opts *o,
                           int *r)
{
    switch (id) {
    case MS_OPT_TOP:
        *r = ms_cli_parse_top(cli, arg, &o->top);
        return true;
    case MS_OPT_SORT:
        *r = ms_cli_parse_type_sort(cli, arg, &o->sort);
        return true;
    case MS_OPT_THRESHOLD:
        *r = ms_cli_parse_threshold(cli, arg, &o->threshold);
        return true;
    }
    return false;
}
