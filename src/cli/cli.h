/* cli.h — what the subcommands share: the command table entry, the common
 * options (--format, --input-format, -q, -v, --help), loading a dump with
 * progress and warnings, the objects OBJ operands name (several, or "-"
 * for standard input) and their reports as one, messages on stderr, and
 * number parsing.
 *
 * To add a command: write src/cli/cmd_NAME.c defining its ms_command (its
 * usage and description, flags, options struct and run function), give it
 * a bit in options.h and its options in options.c, add it to the table in
 * src/main.c, give it a section in man/memscope.1 (then `make man`) and
 * tests in tests/cli/. */
#ifndef MEMSCOPE_CLI_H
#define MEMSCOPE_CLI_H

#include "memscope/analysis.h"
#include "memscope/heap.h"
#include "memscope/reader.h"
#include "memscope/report.h"
#include "memscope/reports.h"
#include "options.h"

#include <getopt.h>
#include <stdbool.h>

typedef struct ms_cli ms_cli;

/* ms_command.flags */
enum {
    MS_CMD_LOADS = 1,      /* the dispatcher loads the dump (first operand) before run */
    MS_CMD_DUMP_LAST = 2,  /* with MS_CMD_LOADS: the dump is the last operand */
    MS_CMD_NO_FORMAT = 4,  /* --format is a usage error: the command writes `writes` */
    MS_CMD_PARSE = 8       /* with MS_CMD_LOADS: the dump is parsed, never opened from
                            * its index, and no index is written */
};

/* A command: the dispatcher (src/main.c) parses its options into a fresh
 * copy of *defaults, checks the operands, calls check, loads the dump,
 * calls run, and frees the dump and the options. */
typedef struct ms_command {
    const char *name;
    unsigned bit;          /* MS_C_*: its options in ms_options[] */
    const char *usage;     /* "memscope NAME ...": --help's first line and the SYNOPSIS */
    const char *about;     /* --help's description, lines ending in '\n' */
    const char *epilog;    /* --help's text after the options, or NULL */
    const char *summary;   /* its line in `memscope --help` */
    unsigned flags;        /* MS_CMD_* */
    int operands;          /* exactly this many (1: DUMP, 2: DUMP OBJ), or 0: check counts */
    const char *writes;    /* MS_CMD_NO_FORMAT: what it writes instead */
    size_t opts_size;      /* its options struct */
    const void *defaults;  /* its initial value, or NULL for zeroes */
    /* Takes one of its own options (id from options.h); returns 0 or an
     * exit code after a message. NULL: it has none. */
    int (*option)(ms_cli *cli, void *opts, int id, const char *arg);
    /* Checks the operands before loading; returns 0 or an exit code after
     * a message. NULL: nothing to check. */
    int (*check)(ms_cli *cli, void *opts, char **operands, int n);
    /* Does the work; h is the loaded dump with MS_CMD_LOADS, else NULL.
     * Returns the exit code. */
    int (*run)(ms_cli *cli, void *opts, char **operands, int n, ms_heap *h);
    void (*free)(void *opts); /* frees what option left in opts, or NULL */
} ms_command;

extern const ms_command ms_cmd_analyze, ms_cmd_show, ms_cmd_dominators, ms_cmd_cycles,
    ms_cmd_garbage, ms_cmd_path, ms_cmd_graph, ms_cmd_diff, ms_cmd_sites, ms_cmd_report, ms_cmd_index;

struct ms_cli {
    const ms_command *cmd;
    ms_format format;
    const ms_reader *input_format; /* NULL: sniffed */
    bool quiet;        /* no progress */
    bool verbose;      /* phase times and memory on stderr */
    bool raw_sizes;    /* V8: V8's own shallow sizes, not DevTools' */
    bool no_index;     /* --no-index: parse, write no index */
    bool format_given; /* --format was on the command line */
};

/* Set by main from options given before the command. */
extern bool ms_cli_global_quiet, ms_cli_global_verbose;

/* ---- parse.c ---- */
void ms_cli_init(ms_cli *cli, const ms_command *cmd);
/* Prints cmd's --help text. */
void ms_cli_help(FILE *f, const ms_command *cmd);
/* Parses argv's options, those ms_options[] gives cli->cmd: the common
 * ones here, the command's own through option(cli, opts, id, arg).
 * Returns 0 to go on with argv[optind..] as operands, MS_CLI_DONE after
 * --help, or an exit code. */
#define MS_CLI_DONE (-2)
int ms_cli_options(ms_cli *cli, int argc, char **argv, void *opts);
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
/* Both of them: checks OBJ arg (type:NAME too if types), naming it where
 * ("OBJ", or "-:LINE" for a line of standard input) in the message; sets
 * *id for an id. Returns 0 or the usage exit code after a message. */
int ms_cli_obj_check(const ms_cli *cli, const char *where, const char *arg, bool types,
                     uint64_t *id);
/* Parses a non-negative decimal integer option value; returns 0 or the
 * usage exit code (after a message). */
int ms_cli_parse_u32(const ms_cli *cli, const char *opt, const char *arg, uint32_t *out);
/* --top N: rows of each list, 0 = all. MS_CLI_TOP_UNSET stands for "not
 * given", which ms_cli_top turns into the format's default: 20 rows in the
 * table view, which is for people; every row in TSV and JSON, which feed
 * scripts. ms_cli_parse_top returns 0 or the usage exit code. */
#define MS_CLI_TOP_UNSET UINT32_MAX
#define MS_CLI_TOP_TABLE 20
int ms_cli_parse_top(const ms_cli *cli, const char *arg, uint32_t *out);
uint32_t ms_cli_top(const ms_cli *cli, uint32_t top);
/* Parses --sort's bytes, count or retained; returns 0 or the usage exit
 * code (after a message). */
int ms_cli_parse_type_sort(const ms_cli *cli, const char *arg, ms_type_sort *out);
/* Parses --threshold's percentage, above 0 and at most 100; returns 0 or
 * the usage exit code (after a message). */
int ms_cli_parse_threshold(const ms_cli *cli, const char *arg, double *out);
/* Parses OBJ: a decimal or 0x-hex id. Returns 0 or -1. */
int ms_cli_parse_id(const char *arg, uint64_t *id);

/* The options analyze and report share, --top, --sort and --threshold. */
typedef struct ms_cli_summary_opts {
    uint32_t top;
    ms_type_sort sort;
    double threshold;
} ms_cli_summary_opts;
#define MS_CLI_SUMMARY_DEFAULTS { .top = MS_CLI_TOP_UNSET, .sort = MS_SORT_BYTES, .threshold = 10.0 }
/* If id is one of them, parses arg into o, sets *r to 0 or the usage exit
 * code, and returns true; else returns false. */
bool ms_cli_summary_option(const ms_cli *cli, int id, const char *arg, ms_cli_summary_opts *o,
                           int *r);

/* ---- indexing.c: index files (index.h) ---- */
/* Opens path's current index, if path is an index itself or has one and
 * the command may use it: returns 0 with *out set (NULL: parse the dump),
 * or an exit code after a message (a corrupt index). */
int ms_cli_open_index(const ms_cli *cli, const char *path, ms_heap **out);
/* After parsing path into h: writes its index if path is big enough
 * (MS_INDEX_AUTO_MIN); a failure is a warning. */
void ms_cli_auto_index(const ms_cli *cli, const char *path, ms_heap *h);
/* Where path's index is written: beside it if its folder is writable,
 * else in the cache folder (created). malloc'd; NULL if neither. */
char *ms_cli_index_place(const char *path);

/* ---- messages.c: every message of cli/ on stderr ---- */
/* "memscope: MESSAGE\n": errors, notes and -v lines. */
void ms_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "memscope: warning: MESSAGE\n". */
void ms_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Reports a usage error for this command; returns MS_EXIT_USAGE. */
int ms_cli_usage_error(const ms_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "memscope: NAME: write error: CAUSE" (CAUSE: strerror(err), EIO if 0);
 * returns MS_EXIT_IO. The one wording of a failed write. */
int ms_cli_write_error(const char *name, int err);
/* Flushes stdout; returns 0, or MS_EXIT_IO after a message. */
int ms_cli_finish_output(void);

/* ---- load.c ---- */
/* Loads a dump with progress (stderr is a terminal and not -q), prints the
 * dangling-reference warning and, with -v, timings. Returns 0 and sets *out,
 * or prints the error and returns its exit code. */
int ms_cli_load(const ms_cli *cli, const char *path, ms_heap **out);
/* Runs the analyses (ms_analysis_run), warns about an inconsistent dump
 * and, with -v, prints their times. */
void ms_cli_analyze(const ms_cli *cli, ms_heap *h, unsigned what, ms_analysis *a);
/* The warning and -v line of ms_cli_analyze, for analyses run elsewhere
 * (seconds they took, peak resident KiB after them). */
void ms_cli_analyzed(const ms_cli *cli, const ms_heap *h, const ms_analysis *a, double seconds,
                     long rss);
/* Runs the analyze pipeline (ms_overview_build) with its warnings and -v
 * lines, and fills s, the report's view of it (valid while x is; free x
 * with ms_overview_free). */
struct ms_overview;
void ms_cli_overview(const ms_cli *cli, ms_heap *h, const ms_cli_summary_opts *o,
                     struct ms_overview *x, ms_summary *s);
/* Warns when the refcount rule found an inconsistent dump. */
void ms_cli_roots_warn(const ms_heap *h, const ms_roots *r);
/* Finds OBJ in a loaded dump: returns 0 and *node, or prints "no object
 * with id" and returns MS_EXIT_NOTFOUND. */
int ms_cli_find(const ms_heap *h, uint64_t id, const char *arg, uint32_t *node);

/* ---- objs.c: the objects show, path and graph ask about ---- */
typedef struct ms_cli_obj {
    char *text;       /* the OBJ as given, trimmed (owned) */
    const char *type; /* type:NAME: NAME (inside text), else NULL */
    uint64_t id;      /* else the id */
} ms_cli_obj;
typedef struct ms_cli_objs {
    ms_cli_obj *v;
    size_t n, cap;
    bool several;     /* more than one OBJ given, or '-': answer as a list */
} ms_cli_objs;
/* Checks the OBJs args[0..n) (type:NAME allowed if types) into *l, in
 * order, an OBJ "-" replaced by the lines of standard input (a usage error
 * when dump, the DUMP operand, is "-" too, or given twice). Returns 0 (free
 * l with ms_cli_objs_free), or an exit code after a message (l empty). */
int ms_cli_objs_read(const ms_cli *cli, const char *const *args, size_t n, const char *dump,
                     bool types, ms_cli_objs *l);
void ms_cli_objs_free(ms_cli_objs *l);

/* ---- answers.c: show's and path's reports on several objects as one ---- */
typedef struct ms_cli_answers {
    ms_format format;
    bool several;     /* the list form; else one report as it is */
    bool header;      /* TSV: the header row is written */
    size_t n;         /* reports written */
    size_t elements;  /* JSON: array elements written, nulls too */
    FILE *mem;        /* TSV and JSON: the report being written */
    char *buf;
    size_t len;
} ms_cli_answers;
void ms_cli_answers_init(ms_cli_answers *a, const ms_cli *cli, bool several);
/* The stream for the next object's report (stdout, or a buffer); then
 * call ms_cli_answer_end with the OBJ as asked. */
FILE *ms_cli_answer_begin(ms_cli_answers *a);
void ms_cli_answer_end(ms_cli_answers *a, const char *obj);
/* An OBJ with no report (not found, no path): null in a JSON list. */
void ms_cli_answer_none(ms_cli_answers *a);
/* Closes the list and flushes stdout: returns 0, or MS_EXIT_IO after a
 * message. */
int ms_cli_answers_finish(ms_cli_answers *a);

/* ---- diff_dumps.c: the dumps of diff and of report's diff section ---- */
typedef struct ms_diff_cli_opts {
    uint32_t top;
    ms_diff_sort sort;
    const char *sort_name;
    ms_diff_tsv tsv;
    bool fail, by_site, all_leaks;
    uint64_t fail_over;
    const char *baseline, *write_baseline; /* files, or NULL */
} ms_diff_cli_opts;
#define MS_DIFF_CLI_DEFAULTS { .top = MS_CLI_TOP_UNSET, .sort = MS_DIFF_SORT_SIZE, .sort_name = "size_delta" }

/* A diff run: its dumps, what the pipeline found, and the report over
 * them (diff_dumps.c). */
struct ms_diff_dump;
typedef struct ms_cli_diff_run {
    struct ms_diff_dump *d;   /* [n] */
    int n;
    ms_diff diff;
    struct ms_series *series; /* three dumps or more, else NULL */
    struct ms_baseline *baseline; /* --baseline's, or NULL */
    ms_diff_report rep;
} ms_cli_diff_run;
/* Loads and analyzes the n dumps at paths, checks they can be compared,
 * reads --baseline and runs the diff into *run (free with
 * ms_cli_diff_free, whatever it returns). Returns 0, or an exit code with
 * the message printed. */
int ms_cli_diff(const ms_cli *cli, const ms_diff_cli_opts *o, char *const *paths, int n,
                ms_cli_diff_run *run);
void ms_cli_diff_free(ms_cli_diff_run *run);

/* The dumps named by operands: each file as it is, each folder as its
 * regular files in version-sort order (heap-2 before heap-10), leaving out
 * names that start with "." and index files (*.msi). Returns 0 with
 * *paths (each and the array malloc'd; ms_cli_dump_list_free) and *n, or
 * an exit code with the message printed (a folder that cannot be read). */
int ms_cli_dump_list(char *const *operands, int count, char ***paths, int *n);
void ms_cli_dump_list_free(char **paths, int n);

#endif
