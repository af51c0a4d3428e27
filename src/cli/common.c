/* common.c — option handling, loading and output shared by subcommands. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/id.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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

int ms_cli_usage_error(const ms_cli *cli, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "memscope: %s: ", cli->cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'memscope %s --help')\n", cli->cmd->name);
    return MS_EXIT_USAGE;
}

/* Handles a common option returned by getopt_long. Returns -1 if c is not
 * a common option, else an exit code to stop with (printing help or an
 * error: MS_CLI_DONE after help), or 0 to go on. Unknown options ('?') are
 * reported here too. */
static int common_opt(ms_cli *cli, int c, const char *arg, char **argv)
{
    switch (c) {
    case 'f':
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
    case 'q':
        cli->quiet = true;
        return 0;
    case 'v':
        cli->verbose = true;
        return 0;
    case 'h':
        fputs(cli->cmd->usage, stdout);
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

typedef struct progress {
    const char *name;
    double last;
    bool shown;
} progress;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress *p = ctx;
    double now = ms_now();
    if (now - p->last < 0.2)
        return;
    p->last = now;
    p->shown = true;
    char a[32], b[32];
    fprintf(stderr, "\rmemscope: reading %s: %3.0f%% (%s of %s)\033[K", p->name,
            total ? 100.0 * (double)done / (double)total : 0.0, ms_fmt_bytes(done, a, sizeof a),
            ms_fmt_bytes(total, b, sizeof b));
}

int ms_cli_load(const ms_cli *cli, const char *path, ms_heap **out)
{
    ms_load_stats stats = { 0 };
    ms_load_opts opts = { .format = cli->input_format, .stats = &stats,
                          .raw_sizes = cli->raw_sizes };
    progress prog = { .name = path, .last = ms_now() };
    if (!cli->quiet && isatty(2)) {
        opts.progress = on_progress;
        opts.progress_ctx = &prog;
    }
    ms_error err = { 0 };
    double t0 = ms_now();
    ms_status st = ms_load(path, &opts, out, &err);
    if (prog.shown)
        fputs("\r\033[K", stderr);
    if (st != MS_OK) {
        fprintf(stderr, "memscope: %s\n", err.msg);
        return ms_status_exit(st);
    }
    ms_heap *h = *out;
    double t1 = ms_now();
    if (h->dangling)
        fprintf(stderr,
                "memscope: warning: %s: %" PRIu64 " reference%s to ids not in the dump dropped "
                "(first: %" PRIu64 " from object %" PRIu64 ")\n",
                h->source, h->dangling, h->dangling == 1 ? "" : "s", h->dangling_to,
                h->dangling_from);
    if (h->dangling_roots)
        fprintf(stderr, "memscope: warning: %s: %" PRIu64 " root%s not in the dump ignored\n",
                h->source, h->dangling_roots, h->dangling_roots == 1 ? " id" : " ids");
    if (cli->verbose) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        size_t nodes = ms_heap_node_memory(h), edges = ms_heap_edge_memory(h);
        fprintf(stderr,
                "memscope: loaded %" PRIu32 " objects, %" PRIu32 " references in %.3f s "
                "(parse %.3f s on %d thread%s, join %.3f s, resolve %.3f s)\n"
                "memscope: graph %zu bytes: %.1f bytes/object + %.1f bytes/reference; "
                "strings %zu bytes; peak RSS %ld KiB\n",
                h->n, h->m, t1 - t0, stats.parse, stats.threads, stats.threads == 1 ? "" : "s",
                stats.join, stats.resolve, nodes + edges,
                h->n ? (double)nodes / h->n : 0.0, h->m ? (double)edges / h->m : 0.0,
                ms_strpool_memory(&h->strings), ru.ru_maxrss);
    }
    return 0;
}

int ms_cli_finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "memscope: stdout: write error: %s\n", strerror(errno));
        return MS_EXIT_IO;
    }
    return 0;
}

int ms_cli_options(ms_cli *cli, int argc, char **argv, const struct option *extra,
                   int (*opt)(ms_cli *cli, void *ctx, int val, const char *arg), void *ctx)
{
    static const struct option common[] = { MS_CLI_COMMON_LONGOPTS };
    struct option all[32];
    size_t n = 0;
    for (; extra && extra[n].name && n < 24; n++)
        all[n] = extra[n];
    for (size_t k = 0; k < sizeof common / sizeof *common; k++)
        all[n++] = common[k];
    memset(&all[n], 0, sizeof all[n]);
    char shortopts[64];
    snprintf(shortopts, sizeof shortopts, ":" MS_CLI_COMMON_SHORTOPTS "%s",
             cli->shortopts ? cli->shortopts : "");
    int c;
    while ((c = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
        int r = common_opt(cli, c, optarg, argv);
        if (r == -1)
            r = opt ? opt(cli, ctx, c, optarg) : ms_cli_usage_error(cli, "unexpected option");
        if (r)
            return r;
    }
    return 0;
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

int ms_cli_obj_arg(const ms_cli *cli, const char *arg, uint64_t *id)
{
    if (ms_cli_parse_id(arg, id))
        return ms_cli_usage_error(cli, "OBJ: expected a decimal or 0x-hex id, got '%s'", arg);
    return 0;
}

int ms_cli_obj_or_type_arg(const ms_cli *cli, const char *arg)
{
    uint64_t id;
    if (strncmp(arg, "type:", 5) == 0) {
        if (!arg[5])
            return ms_cli_usage_error(cli, "OBJ: 'type:' needs a type name");
        return 0;
    }
    if (ms_cli_parse_id(arg, &id))
        return ms_cli_usage_error(cli, "OBJ: expected a decimal or 0x-hex id or type:NAME, got "
                                       "'%s'", arg);
    return 0;
}

int ms_cli_find(const ms_heap *h, uint64_t id, const char *arg, uint32_t *node)
{
    *node = ms_heap_find(h, id);
    if (*node != MS_NONE)
        return 0;
    fprintf(stderr, "memscope: %s: no object with id %s\n", h->source, arg);
    return MS_EXIT_NOTFOUND;
}

void ms_cli_roots_check(const ms_heap *h, const ms_roots *r)
{
    if (!r->inconsistent)
        return;
    uint32_t v = r->first_inconsistent;
    uint32_t from = 0;
    for (uint32_t i = 0; i < h->n; i++)
        if (ms_node_tracked(h, i) != 0)
            for (uint32_t e = h->edge_off[i]; e < h->edge_off[i + 1]; e++)
                from += h->edge_kind[e] != MS_EDGE_WEAK && h->edge_to[e] == v;
    fprintf(stderr,
            "memscope: warning: %s: inconsistent dump: %" PRIu64 " tracked object%s with fewer "
            "references (rc) than references from tracked objects (first: %" PRIu64 ", rc %" PRIu32
            ", %" PRIu32 " from tracked objects); roots and garbage may be wrong\n",
            h->source, r->inconsistent, r->inconsistent == 1 ? "" : "s", h->id[v], h->rc[v], from);
}

void ms_cli_analyze(const ms_cli *cli, ms_heap *h, unsigned what, ms_analysis *a)
{
    double t0 = ms_now();
    ms_analysis_run(h, what, a);
    ms_cli_roots_check(h, &a->roots);
    if (cli->verbose) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "memscope: analyses in %.3f s (roots %.3f s; dominators %.3f s and cycles "
                "%.3f s side by side; cycle shapes %.3f s); peak RSS %ld KiB\n",
                ms_now() - t0, a->t_roots, a->t_dominators, a->t_cycles, a->t_classify,
                ru.ru_maxrss);
    }
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

int ms_cli_parse_threshold(const ms_cli *cli, const char *arg, double *out)
{
    char *end;
    *out = strtod(arg, &end);
    if (end == arg || *end || !(*out > 0 && *out <= 100))
        return ms_cli_usage_error(cli, "--threshold: expected a percentage above 0 and at most "
                                       "100, got '%s'", arg);
    return 0;
}

bool ms_cli_summary_option(const ms_cli *cli, int c, const char *arg, ms_cli_summary_opts *o,
                           int *r)
{
    switch (c) {
    case MS_OPT_TOP:
        *r = ms_cli_parse_u32(cli, "--top", arg, &o->top);
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

void ms_cli_summarize(const ms_cli *cli, ms_heap *h, const ms_cli_summary_opts *o,
                      ms_cli_summary *out)
{
    ms_cli_analyze(cli, h, MS_RUN_DOMINATORS | MS_RUN_CYCLES | MS_RUN_TYPES, &out->an);
    double t0 = ms_now();
    ms_findings_run(h, &out->an, o->sort, o->top, o->threshold, &out->fi);
    if (cli->verbose)
        fprintf(stderr, "memscope: types, retainers, suspects and paths in %.3f s\n",
                ms_now() - t0);
    ms_sites_group(h, &out->an.dom, 1, false, MS_SORT_RETAINED, &out->st);
    out->s = (ms_summary){ .h = h, .an = &out->an, .fi = &out->fi, .top = o->top,
                           .sort = o->sort, .threshold = o->threshold,
                           .sites = h->site ? &out->st : NULL };
}

void ms_cli_summary_free(ms_cli_summary *x)
{
    ms_site_table_free(&x->st);
    ms_findings_free(&x->fi);
    ms_analysis_free(&x->an);
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
