/* cmd_analyze.c — `memscope analyze DUMP`: totals, roots and the type
 * histogram. Parses options, loads, runs the analyses, prints. */
#include "cli.h"
#include "memscope/analysis.h"
#include "memscope/reports.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope analyze [options] DUMP\n"
    "\n"
    "Summarize a heap dump: objects, references, bytes, dangling references,\n"
    "roots (and the rule that found them) and the type histogram.\n"
    "DUMP is a file, or - for standard input.\n"
    "\n"
    "Options:\n"
    "      --top N           show the N largest types (default 20, 0 = all)\n"
    "      --sort KEY        order types by bytes (default) or count\n"
    MS_CLI_COMMON_HELP;

enum { OPT_TOP = 1, OPT_SORT };

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_analyze);
    static const struct option longopts[] = {
        { "top", required_argument, NULL, OPT_TOP },
        { "sort", required_argument, NULL, OPT_SORT },
        MS_CLI_COMMON_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    uint32_t top = 20;
    ms_type_sort sort = MS_SORT_BYTES;
    int c;
    while ((c = getopt_long(argc, argv, ":" MS_CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        int r;
        switch (c) {
        case OPT_TOP:
            if ((r = ms_cli_parse_u32(&cli, "--top", optarg, &top)))
                return r;
            break;
        case OPT_SORT:
            if (strcmp(optarg, "bytes") == 0)
                sort = MS_SORT_BYTES;
            else if (strcmp(optarg, "count") == 0)
                sort = MS_SORT_COUNT;
            else
                return ms_cli_usage_error(&cli, "--sort: expected bytes or count, got '%s'", optarg);
            break;
        default:
            r = ms_cli_common_opt(&cli, c, optarg, argv);
            if (r == -2)
                return 0;
            if (r)
                return r;
        }
    }
    if (optind != argc - 1)
        return ms_cli_usage_error(&cli, optind >= argc ? "missing DUMP" : "too many arguments");

    ms_heap *h;
    int rc = ms_cli_load(&cli, argv[optind], &h);
    if (rc)
        return rc;
    ms_roots roots;
    ms_roots_find(h, &roots);
    ms_summary s = { .h = h, .roots = &roots, .top = top, .sort = sort };
    ms_type_row *types = ms_type_histogram(h, sort, &s.ntypes);
    s.types = types;
    ms_report_summary(stdout, cli.format, &s);
    free(types);
    ms_roots_free(&roots);
    ms_heap_free(h);
    return ms_cli_finish_output();
}

const ms_command ms_cmd_analyze = {
    "analyze", run, usage, "summary: totals, roots, types",
};
