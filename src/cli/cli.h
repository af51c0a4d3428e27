/* cli.h — what the subcommands share: the command table entry, common
 * options (--format, --input-format, -q, -v, --help), loading a dump with
 * progress and warnings, and number parsing. To add a command: write
 * src/cli/cmd_NAME.c with a usage text and a run function, add it to the
 * table in src/main.c, give it a section in man/memscope.1 and tests in
 * tests/cli/. */
#ifndef MEMSCOPE_CLI_H
#define MEMSCOPE_CLI_H

#include "memscope/analysis.h"
#include "memscope/heap.h"
#include "memscope/reader.h"
#include "memscope/report.h"
#include "memscope/reports.h"

#include <getopt.h>
#include <stdbool.h>

typedef struct ms_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;     /* full --help text; first line "usage: memscope NAME ..." */
    const char *summary;   /* one line for `memscope --help` */
} ms_command;

extern const ms_command ms_cmd_analyze, ms_cmd_show, ms_cmd_dominators, ms_cmd_cycles,
    ms_cmd_garbage, ms_cmd_path, ms_cmd_graph, ms_cmd_diff, ms_cmd_sites, ms_cmd_report;


typedef struct ms_cli {
    const ms_command *cmd;
    ms_format format;
    const ms_reader *input_format; /* NULL: sniffed */
    bool quiet;      /* no progress */
    bool verbose;    /* phase times and memory on stderr */
    bool raw_sizes;  /* V8: V8's own shallow sizes, not DevTools' */
    bool format_given; /* --format was on the command line */
    const char *shortopts; /* the command's own short options ("o:T:"), or NULL */
} ms_cli;

/* Set by main from options given before the command. */
extern bool ms_cli_global_quiet, ms_cli_global_verbose;

/* Long-option codes of the common options, and their getopt entries. */
enum { MS_OPT_FORMAT = 1000, MS_OPT_INPUT_FORMAT, MS_OPT_RAW_SIZES, MS_OPT_HELP };
#define MS_CLI_COMMON_LONGOPTS                                         \
    { "format", required_argument, NULL, MS_OPT_FORMAT },              \
    { "input-format", required_argument, NULL, MS_OPT_INPUT_FORMAT },  \
    { "raw-sizes", no_argument, NULL, MS_OPT_RAW_SIZES },              \
    { "quiet", no_argument, NULL, 'q' },                               \
    { "verbose", no_argument, NULL, 'v' },                             \
    { "help", no_argument, NULL, 'h' }
#define MS_CLI_COMMON_SHORTOPTS "qvhf:"

/* Common option text for usage messages. */
#define MS_CLI_COMMON_HELP                                                        \
    "  -f, --format FORMAT   table (default), tsv or json\n"                     \
    "      --input-format F  auto (default), native, ruby or v8\n"               \
    "      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)\n" \
    "  -q, --quiet           no progress on stderr\n"                            \
    "  -v, --verbose         phase times and memory use on stderr\n"             \
    "  -h, --help            show this help\n"

void ms_cli_init(ms_cli *cli, const ms_command *cmd);
/* Parses the options of argv: the common ones here, the command's own
 * (extra, ending with a zeroed entry) through
 * opt(cli, ctx, val, optarg), which returns 0 or an exit code. Returns 0 to
 * go on with argv[optind..] as operands, MS_CLI_DONE after --help, or an
 * exit code. Short options of the command's own come from cli->shortopts
 * and reach opt with their letter. */
#define MS_CLI_DONE (-2)
int ms_cli_options(ms_cli *cli, int argc, char **argv, const struct option *extra,
                   int (*opt)(ms_cli *cli, void *ctx, int val, const char *arg), void *ctx);
/* Checks that argv[optind..] holds exactly n operands (1: DUMP; 2: DUMP
 * OBJ); returns 0 or the usage exit code after a message. */
int ms_cli_operands(const ms_cli *cli, int argc, int n);
/* Parses a size in bytes with an optional K, M or G suffix (KiB, MiB,
 * GiB); returns 0 or the usage exit code. */
int ms_cli_parse_bytes(const ms_cli *cli, const char *opt, const char *arg, uint64_t *out);
/* Parses OBJ before loading: returns 0, or the usage exit code after a
 * message. */
int ms_cli_obj_arg(const ms_cli *cli, const char *arg, uint64_t *id);
/* The same for an OBJ that may also be type:NAME. */
int ms_cli_obj_or_type_arg(const ms_cli *cli, const char *arg);
/* Finds OBJ in a loaded dump: returns 0 and *node, or prints "no object
 * with id" and returns MS_EXIT_NOTFOUND. */
int ms_cli_find(const ms_heap *h, uint64_t id, const char *arg, uint32_t *node);
/* Runs the analyses (ms_analysis_run) and, with -v, prints their times. */
struct ms_analysis;
void ms_cli_analyze(const ms_cli *cli, ms_heap *h, unsigned what, struct ms_analysis *a);
/* Warns on stderr when the refcount rule found an inconsistent dump. */
struct ms_roots;
void ms_cli_roots_check(const ms_heap *h, const struct ms_roots *r);
/* Reports a usage error for this command; returns MS_EXIT_USAGE. */
int ms_cli_usage_error(const ms_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parses a non-negative decimal integer option value; returns 0 or the
 * usage exit code (after a message). */
int ms_cli_parse_u32(const ms_cli *cli, const char *opt, const char *arg, uint32_t *out);
/* Parses --sort's bytes, count or retained; returns 0 or the usage exit
 * code (after a message). */
int ms_cli_parse_type_sort(const ms_cli *cli, const char *arg, ms_type_sort *out);
/* Parses --threshold's percentage, above 0 and at most 100; returns 0 or
 * the usage exit code (after a message). */
int ms_cli_parse_threshold(const ms_cli *cli, const char *arg, double *out);
/* Parses OBJ: a decimal or 0x-hex id. Returns 0 or -1. */
int ms_cli_parse_id(const char *arg, uint64_t *id);
/* Loads a dump with progress (stderr is a terminal and not -q), prints the
 * dangling-reference warning and, with -v, timings. Returns 0 and sets *out,
 * or prints the error and returns its exit code. */
int ms_cli_load(const ms_cli *cli, const char *path, ms_heap **out);
/* Flushes stdout; returns 0, or MS_EXIT_IO after a message. */
int ms_cli_finish_output(void);

/* The options analyze and report share, --top, --sort and --threshold:
 * their values, getopt codes and table entries, and their parser. */
typedef struct ms_cli_summary_opts {
    uint32_t top;
    ms_type_sort sort;
    double threshold;
} ms_cli_summary_opts;
#define MS_CLI_SUMMARY_DEFAULTS { .top = 20, .sort = MS_SORT_BYTES, .threshold = 10.0 }
enum { MS_OPT_TOP = 0x100, MS_OPT_SORT, MS_OPT_THRESHOLD };
#define MS_CLI_SUMMARY_LONGOPTS                                    \
    { "top", required_argument, NULL, MS_OPT_TOP },                \
    { "sort", required_argument, NULL, MS_OPT_SORT },              \
    { "threshold", required_argument, NULL, MS_OPT_THRESHOLD }
/* If c is one of them, parses arg into o, sets *r to 0 or the usage exit
 * code, and returns true; else returns false. */
bool ms_cli_summary_option(const ms_cli *cli, int c, const char *arg, ms_cli_summary_opts *o,
                           int *r);

/* Everything analyze prints about a dump, which report embeds: the
 * analyses, the findings, the sites by innermost frame, and the ms_summary
 * that names them (so the struct stays where it was filled). */
typedef struct ms_cli_summary {
    ms_analysis an;
    ms_findings fi;
    ms_site_table st;
    ms_summary s;
} ms_cli_summary;
/* Fills out for h (-v: the phases' times); free with ms_cli_summary_free
 * (which leaves h to the caller). */
void ms_cli_summarize(const ms_cli *cli, ms_heap *h, const ms_cli_summary_opts *o,
                      ms_cli_summary *out);
void ms_cli_summary_free(ms_cli_summary *x);

/* memscope report's diff section: what `memscope diff -f json` prints for
 * the n (2 or 3) dumps at paths with default options, in *json (caller
 * frees). Returns 0, or an exit code with the message printed. */
int ms_cli_diff_json(const ms_cli *cli, char *const *paths, int n, char **json);

#endif
