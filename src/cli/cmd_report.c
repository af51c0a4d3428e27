/* cmd_report.c — `memscope report DUMP [AFTER [FINAL]] -o FILE.html`: one
 * self-contained HTML page to look at and to share. Parses options, loads
 * and analyzes the last dump (and, with several, runs diff), and writes the
 * page through a temporary file renamed at the end (or to stdout). */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/outfile.h"
#include "memscope/reports.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: memscope report [options] DUMP [AFTER [FINAL]] -o FILE.html\n"
    "\n"
    "Write one self-contained HTML page about a dump: its totals, every type\n"
    "in a table that sorts and filters, a treemap of the dominator tree (click\n"
    "to zoom), the leak suspects with their paths and diagrams, cycles,\n"
    "garbage, the detached DOM and allocation sites when the dump has them.\n"
    "With two or three dumps, the page is about the last one and adds diff's\n"
    "tables and leak clusters. The page fetches nothing: CSS, JS and diagrams\n"
    "are inline, and it embeds the JSON of `analyze -f json` (id \"data\") and\n"
    "of `diff -f json` (id \"diff-data\").\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     the page (required; - for standard output)\n"
    "      --top N           rows of the embedded analysis lists (default 20)\n"
    "      --sort KEY        order types by bytes (default), count or retained\n"
    "      --threshold PCT   leak suspects retain at least PCT% of the reachable\n"
    "                        heap (default 10)\n"
    MS_CLI_COMMON_HELP;

typedef struct opts {
    ms_cli_summary_opts sum;
    const char *output;
} opts;

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    int r;
    if (c == 'o') {
        o->output = arg;
        return 0;
    }
    if (ms_cli_summary_option(cli, c, arg, &o->sum, &r))
        return r;
    return ms_cli_usage_error(cli, "unexpected option");
}

/* Writes the page to o->output (temp file and rename) or stdout. */
static int emit(const opts *o, const ms_html_page *p)
{
    if (strcmp(o->output, "-") == 0) {
        ms_report_html(stdout, p);
        return ms_cli_finish_output();
    }
    ms_outfile out;
    ms_error err = { 0 };
    if (ms_outfile_open(&out, o->output, &err) != MS_OK) {
        fprintf(stderr, "memscope: %s\n", err.msg);
        return MS_EXIT_IO;
    }
    ms_report_html(out.f, p);
    if (ms_outfile_commit(&out, &err) != MS_OK) {
        fprintf(stderr, "memscope: %s\n", err.msg);
        return MS_EXIT_IO;
    }
    return 0;
}

static int report(ms_cli *cli, const opts *o, char *const *dumps, int n)
{
    char *diff_json = NULL;
    int r = n > 1 ? ms_cli_diff_json(cli, dumps, n, &diff_json) : 0;
    if (r)
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(cli, dumps[n - 1], &h))) {
        free(diff_json);
        return r;
    }
    ms_cli_summary x;
    ms_cli_summarize(cli, h, &o->sum, &x);
    char *data = NULL;
    size_t len = 0;
    FILE *mem = ms_memstream(&data, &len);
    ms_report_summary(mem, MS_FORMAT_JSON, &x.s);
    ms_memstream_close(mem);
    ms_domtree_sort_kids(&x.an.dom);
    ms_html_page page = { .s = &x.s, .an = &x.an, .data_json = data, .diff_json = diff_json,
                          .dumps = dumps, .ndumps = n };
    r = emit(o, &page);
    free(data);
    free(diff_json);
    ms_cli_summary_free(&x);
    ms_heap_free(h);
    return r;
}

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_report);
    cli.shortopts = "o:";
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        MS_CLI_SUMMARY_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    opts o = { .sum = MS_CLI_SUMMARY_DEFAULTS };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r)
        return r == MS_CLI_DONE ? 0 : r;
    int n = argc - optind;
    if (n < 1 || n > 3)
        return ms_cli_usage_error(&cli, "expected DUMP [AFTER [FINAL]], got %d operands", n);
    if (!o.output)
        return ms_cli_usage_error(&cli, "give the page's file with -o FILE.html (- for "
                                        "standard output)");
    if (cli.format_given)
        return ms_cli_usage_error(&cli, "--format does not apply: report writes HTML");
    return report(&cli, &o, argv + optind, n);
}

const ms_command ms_cmd_report = {
    "report", run, usage, "one self-contained HTML page: types, treemap, suspects, diff",
};
