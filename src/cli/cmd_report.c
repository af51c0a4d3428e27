/* cmd_report.c — `memscope report DUMP [AFTER [FINAL]] -o FILE.html`: one
 * self-contained HTML page to look at and to share. Runs the analyze
 * pipeline on the last dump (and, with several, the diff pipeline), and
 * writes the page through a temporary file renamed at the end (or to
 * stdout). */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/outfile.h"
#include "memscope/pipeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct opts {
    ms_cli_summary_opts sum;
    const char *output;
} opts;

static int opt(ms_cli *cli, void *opts_, int id, const char *arg)
{
    opts *o = opts_;
    int r;
    if (id == MS_OPT_OUTPUT) {
        o->output = arg;
        return 0;
    }
    if (ms_cli_summary_option(cli, id, arg, &o->sum, &r))
        return r;
    return ms_cli_usage_error(cli, "unexpected option");
}

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    (void)operands;
    const opts *o = opts_;
    if (n < 1 || n > 3)
        return ms_cli_usage_error(cli, "expected DUMP [AFTER [FINAL]], got %d operands", n);
    if (!o->output)
        return ms_cli_usage_error(cli, "give the page's file with -o FILE.html (- for "
                                       "standard output)");
    return 0;
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
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    ms_report_html(out.f, p);
    if (ms_outfile_commit(&out, &err) != MS_OK) {
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    return 0;
}

/* The JSON of `diff -f json` for the n dumps, with diff's defaults, in
 * *json (caller frees). Returns 0 or an exit code after a message. */
static int diff_json(const ms_cli *cli, char *const *dumps, int n, char **json)
{
    static const ms_diff_cli_opts o = MS_DIFF_CLI_DEFAULTS;
    ms_cli_diff_run run;
    *json = NULL;
    int r = ms_cli_diff(cli, &o, dumps, n, &run);
    if (!r) {
        size_t len = 0;
        FILE *mem = ms_memstream(json, &len);
        ms_report_diff(mem, MS_FORMAT_JSON, &run.rep);
        ms_memstream_close(mem);
    }
    ms_cli_diff_free(&run);
    return r;
}

static int run(ms_cli *cli, void *opts_, char **dumps, int n, ms_heap *unused)
{
    (void)unused;
    const opts *o = opts_;
    char *diff = NULL;
    int r = n > 1 ? diff_json(cli, dumps, n, &diff) : 0;
    if (r)
        return r;
    ms_heap *h;
    if ((r = ms_cli_load(cli, dumps[n - 1], &h))) {
        free(diff);
        return r;
    }
    ms_overview x;
    ms_summary s;
    ms_cli_overview(cli, h, &o->sum, &x, &s);
    char *data = NULL;
    size_t len = 0;
    FILE *mem = ms_memstream(&data, &len);
    ms_report_summary(mem, MS_FORMAT_JSON, &s);
    ms_memstream_close(mem);
    ms_domtree_sort_kids(&x.an.dom);
    ms_html_page page = { .s = &s, .an = &x.an, .data_json = data, .diff_json = diff,
                          .dumps = dumps, .ndumps = n };
    r = emit(o, &page);
    free(data);
    free(diff);
    ms_overview_free(&x);
    ms_heap_free(h);
    return r;
}

static const opts defaults = { .sum = MS_CLI_SUMMARY_DEFAULTS };

const ms_command ms_cmd_report = {
    .name = "report",
    .bit = MS_C_REPORT,
    .usage = "memscope report [options] DUMP [AFTER [FINAL]] -o FILE.html",
    .about = "Write one self-contained HTML page about a dump: its totals, every type\n"
             "in a table that sorts and filters, a treemap of the dominator tree (click\n"
             "to zoom), the leak suspects with their paths and diagrams, cycles,\n"
             "garbage, the detached DOM and allocation sites when the dump has them.\n"
             "With two or three dumps, the page is about the last one and adds diff's\n"
             "tables and leak clusters. The page fetches nothing: CSS, JS and diagrams\n"
             "are inline, and it embeds the JSON of `analyze -f json` (id \"data\") and\n"
             "of `diff -f json` (id \"diff-data\").\n",
    .summary = "one self-contained HTML page: types, treemap, suspects, diff",
    .flags = MS_CMD_NO_FORMAT,
    .writes = "HTML",
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
};
