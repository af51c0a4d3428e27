/* options.h — the one definition of every command-line option: its names,
 * its argument, its --help line, its man page entry and the commands that
 * take it. `memscope CMD --help`, getopt's tables and the option lists of
 * man/memscope.1 (`make man`, checked by tests/checks/check_options.py) are
 * all printed from ms_options[].
 *
 * To add an option: add its id below, its entry to ms_options[] in
 * options.c (in the order --help lists it), handle the id in the command's
 * option function, then run `make man`. */
#ifndef MEMSCOPE_CLI_OPTIONS_H
#define MEMSCOPE_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

/* One bit per command, for ms_option.cmds. */
enum {
    MS_C_ANALYZE = 1u << 0,
    MS_C_SHOW = 1u << 1,
    MS_C_DOMINATORS = 1u << 2,
    MS_C_CYCLES = 1u << 3,
    MS_C_GARBAGE = 1u << 4,
    MS_C_PATH = 1u << 5,
    MS_C_GRAPH = 1u << 6,
    MS_C_DIFF = 1u << 7,
    MS_C_SITES = 1u << 8,
    MS_C_REPORT = 1u << 9,
    MS_C_INDEX = 1u << 10,
    MS_C_ALL = (1u << 11) - 1
};

/* What getopt returns for each option: its short letter where it has one,
 * else a code above 255. Several entries may share an id (--top has one
 * entry per wording, one handler). */
enum ms_opt_id {
    MS_OPT_FORMAT = 'f',
    MS_OPT_QUIET = 'q',
    MS_OPT_VERBOSE = 'v',
    MS_OPT_HELP = 'h',
    MS_OPT_OUTPUT = 'o',
    MS_OPT_RENDER_FORMAT = 'T',
    MS_OPT_INPUT_FORMAT = 0x100,
    MS_OPT_RAW_SIZES,
    MS_OPT_TOP,
    MS_OPT_SORT,
    MS_OPT_THRESHOLD,
    MS_OPT_ROOT,
    MS_OPT_DEPTH,
    MS_OPT_MIN_RETAINED,
    MS_OPT_ALL,
    MS_OPT_MEMBERS,
    MS_OPT_MIN_SIZE,
    MS_OPT_BACKREFS,
    MS_OPT_REFS,
    MS_OPT_CHAIN,
    MS_OPT_DOMINATORS,
    MS_OPT_MAX_DEPTH,
    MS_OPT_TOO_MANY,
    MS_OPT_MAX_NODES,
    MS_OPT_LIMIT,
    MS_OPT_FILTER,
    MS_OPT_IGNORE,
    MS_OPT_HIGHLIGHT,
    MS_OPT_SITES,
    MS_OPT_LAYOUT,
    MS_OPT_BY,
    MS_OPT_GROWN,
    MS_OPT_LEAKS,
    MS_OPT_ALL_LEAKS,
    MS_OPT_FAIL_OVER,
    MS_OPT_SERIES,
    MS_OPT_COLLECTIONS,
    MS_OPT_COHORTS,
    MS_OPT_BASELINE,
    MS_OPT_WRITE_BASELINE,
    MS_OPT_FRAMES,
    MS_OPT_CUMULATIVE,
    MS_OPT_NO_INDEX
};

/* Where an option is listed in --help and in the man page. */
typedef enum ms_opt_group {
    MS_GROUP_OWN,     /* the command's "Options:" */
    MS_GROUP_DIAGRAM, /* graph's "Diagrams (one of):" */
    MS_GROUP_COMMON   /* after the command's own; the man page's COMMON OPTIONS */
} ms_opt_group;

typedef struct ms_option {
    const char *name;    /* long name without "--", or NULL (short only) */
    char letter;         /* short option, or 0 */
    int id;              /* enum ms_opt_id */
    int has_arg;         /* getopt's no_argument, required_argument, optional_argument */
    const char *arg;     /* argument name in --help and the man page, or NULL */
    const char *man_arg; /* in the man page when it differs from arg, or NULL */
    unsigned cmds;       /* the commands that take it (MS_C_*) */
    unsigned unlisted;   /* commands that take it but leave it out of --help */
    ms_opt_group group;
    /* --help text: lines joined by '\n', printed from column 24; the man
     * page's text, roff. "{readers}" in either stands for the dump formats
     * of the reader table ("native, ruby or v8"). */
    const char *help;
    const char *man;
} ms_option;

extern const ms_option ms_options[];
extern const unsigned ms_noptions;

/* Prints cmd's option list, as --help shows it, for group g (the common
 * options come with MS_GROUP_OWN, after the command's own). */
void ms_options_help(FILE *f, unsigned cmd, ms_opt_group g);
/* Whether cmd has options of group g (common ones aside). */
bool ms_options_any(unsigned cmd, ms_opt_group g);
/* Prints the man page's option lists: for each section a line
 * `.\" options: NAME` and then its roff, .TP entries. Sections: one per
 * command with options of its own, "graph diagrams", and "common".
 * names[k] is the name of command bit 1<<k. */
void ms_options_man(FILE *f, const char *const *names, unsigned ncmds);

#endif
