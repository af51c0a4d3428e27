/* cmd_graph.c — `memscope graph`: objgraph-style reference diagrams (who
 * refers to OBJ, what it refers to, its retaining chain, its dominator
 * subtree) as DOT, or rendered in process by libgvc. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/diagram.h"
#include "memscope/outfile.h"
#include "memscope/pipeline.h"
#include "memscope/render.h"
#include "memscope/reports.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A list of command-line strings. */
typedef struct strs {
    const char **s;
    size_t n, cap;
} strs;

static void push(strs *l, const char *s)
{
    MS_GROW(l->s, l->cap, l->n + 1);
    l->s[l->n++] = s;
}

typedef struct opts {
    int mode;            /* MS_OPT_BACKREFS..MS_OPT_DOMINATORS, 0 = not given */
    strs objs, filter, ignore, highlight;
    ms_cli_objs starts;  /* objs checked, "-" read from standard input */
    bool sites;          /* --sites: allocation sites in the labels */
    uint32_t max_depth, too_many, max_nodes, limit;
    const char *output, *format, *layout;
    const char *render;  /* the format written: -T, the -o extension's, or dot */
} opts;

/* The diagram options' names and modes, by id - MS_OPT_BACKREFS. */
static const char *const mode_names[] = { "--backrefs", "--refs", "--chain", "--dominators" };
static const ms_diagram_mode modes[] = { MS_DIAGRAM_BACKREFS, MS_DIAGRAM_REFS, MS_DIAGRAM_CHAIN,
                                         MS_DIAGRAM_DOMINATORS };

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    switch (c) {
    case MS_OPT_BACKREFS:
    case MS_OPT_REFS:
    case MS_OPT_CHAIN:
    case MS_OPT_DOMINATORS:
        if (o->mode && o->mode != c)
            return ms_cli_usage_error(cli, "%s and %s: choose one diagram",
                                      mode_names[o->mode - MS_OPT_BACKREFS],
                                      mode_names[c - MS_OPT_BACKREFS]);
        o->mode = c;
        if (arg)
            push(&o->objs, arg);
        return 0;
    case MS_OPT_MAX_DEPTH:
        return ms_cli_parse_u32(cli, "--max-depth", arg, &o->max_depth);
    case MS_OPT_TOO_MANY:
        return ms_cli_parse_u32(cli, "--too-many", arg, &o->too_many);
    case MS_OPT_MAX_NODES:
        if (ms_cli_parse_u32(cli, "--max-nodes", arg, &o->max_nodes))
            return MS_EXIT_USAGE;
        return o->max_nodes ? 0 : ms_cli_usage_error(cli, "--max-nodes: must be at least 1");
    case MS_OPT_LIMIT:
        return ms_cli_parse_u32(cli, "--limit", arg, &o->limit);
    case MS_OPT_FILTER:
        push(&o->filter, arg);
        return 0;
    case MS_OPT_IGNORE:
        push(&o->ignore, arg);
        return 0;
    case MS_OPT_HIGHLIGHT:
        push(&o->highlight, arg);
        return 0;
    case MS_OPT_OUTPUT:
        o->output = arg;
        return 0;
    case MS_OPT_RENDER_FORMAT:
        o->format = arg;
        return 0;
    case MS_OPT_LAYOUT:
        o->layout = arg;
        return 0;
    case MS_OPT_SITES:
        o->sites = true;
        return 0;
    }
    return ms_cli_usage_error(cli, "unexpected option");
}

/* Formats that are not text: refused on a terminal. */
static bool binary_format(const char *f)
{
    static const char *const bin[] = { "png", "pdf", "gif", "jpg", "jpeg", "jpe", "bmp",
                                       "ico", "tif", "tiff", "webp", "svgz", "vmlz", "gd",
                                       "gd2", "wbmp" };
    for (size_t i = 0; i < sizeof bin / sizeof *bin; i++)
        if (strcmp(f, bin[i]) == 0)
            return true;
    return false;
}

/* Adds the start objects named by the OBJs to *starts (distinct, in
 * order). Returns 0 or an exit code after a message. */
static int resolve_starts(const ms_heap *h, const ms_analysis *a, const opts *o,
                          uint32_t **starts, uint32_t *nstarts)
{
    uint32_t *out = NULL;
    size_t n = 0, cap = 0;
    uint8_t *seen = ms_calloc_lazy((size_t)h->n + 1, 1);
    int r = 0;
    for (size_t i = 0; i < o->starts.n && !r; i++) {
        const ms_cli_obj *ob = &o->starts.v[i];
        uint32_t *nodes = NULL, count = 0, one;
        if (ob->type) {
            nodes = ms_diagram_type_starts(h, a, ob->type, o->limit, &count);
            if (!count) {
                ms_cli_error("%s: no object of type %s", h->source, ob->type);
                r = ms_status_exit(MS_ERR_NOTFOUND);
            }
        } else {
            if (!(r = ms_cli_find(h, ob->id, ob->text, &one))) {
                nodes = ms_malloc(sizeof *nodes);
                nodes[0] = one;
                count = 1;
            }
        }
        for (uint32_t k = 0; k < count; k++)
            if (!seen[nodes[k]]) {
                seen[nodes[k]] = 1;
                MS_GROW(out, cap, n + 1);
                out[n++] = nodes[k];
            }
        free(nodes);
    }
    free(seen);
    if (r) {
        free(out);
        return r;
    }
    *starts = out;
    *nstarts = (uint32_t)n;
    return 0;
}

/* String indices of the type names in l; UINT32_MAX (matching nothing)
 * for names not in the dump, with a warning. Caller frees. */
static uint32_t *resolve_types(const ms_cli *cli, const ms_heap *h, const char *opt,
                               const strs *l)
{
    uint32_t *t = ms_malloc(l->n * sizeof *t + 1);
    for (size_t i = 0; i < l->n; i++) {
        t[i] = ms_diagram_type(h, l->s[i]);
        if (t[i] == UINT32_MAX && !cli->quiet)
            ms_cli_warn("%s: %s %s: no object of that type", h->source, opt, l->s[i]);
    }
    return t;
}

/* Writes the diagram's DOT text, or renders it, to out. */
static int emit(const opts *o, const char *dot, size_t len, FILE *out, const char *name)
{
    if (strcmp(o->render, "dot") == 0 || strcmp(o->render, "gv") == 0) {
        if (fwrite(dot, 1, len, out) != len || fflush(out) != 0)
            return ms_cli_write_error(name, errno);
        return 0;
    }
    ms_error err = { 0 };
    errno = 0;
    ms_status st = ms_render(dot, o->layout, o->render, out, &err);
    if (st == MS_ERR_IO)
        return ms_cli_write_error(name, errno);
    if (st != MS_OK) {
        ms_cli_error("%s: %s", name, err.msg);
        return ms_status_exit(st);
    }
    return 0;
}

static void free_opts(void *opts_)
{
    opts *o = opts_;
    free(o->objs.s);
    free(o->filter.s);
    free(o->ignore.s);
    free(o->highlight.s);
    ms_cli_objs_free(&o->starts);
}

static int check(ms_cli *cli, void *opts_, char **operands, int n)
{
    opts *o = opts_;
    if (!o->mode)
        return ms_cli_usage_error(cli, "choose a diagram: --backrefs, --refs, --chain or "
                                       "--dominators");
    if (n < 1)
        return ms_cli_usage_error(cli, "expected OBJ... DUMP");
    for (int i = 0; i < n - 1; i++)
        push(&o->objs, operands[i]);
    if (!o->objs.n)
        return ms_cli_usage_error(cli, "expected at least one OBJ before DUMP");
    int r = ms_cli_objs_read(cli, o->objs.s, o->objs.n, operands[n - 1], true, &o->starts);
    if (r)
        return r;
    if (!o->starts.n)
        return ms_cli_usage_error(cli, "OBJ '-': no objects on standard input");
    if (strspn(o->layout, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(o->layout))
        return ms_cli_usage_error(cli, "--layout: expected an engine name such as dot or neato, "
                                       "got '%s'", o->layout);
    o->render = o->format ? o->format : o->output ? ms_render_format_of(o->output) : "dot";
    if (!o->render)
        return ms_cli_usage_error(cli, "-o %s: cannot tell the format from the extension: give "
                                       "-T FORMAT", o->output);
    if (!o->output && binary_format(o->render) && isatty(1))
        return ms_cli_usage_error(cli, "will not write %s to a terminal: give -o FILE or "
                                       "redirect", o->render);
    if (strcmp(o->render, "dot") != 0 && strcmp(o->render, "gv") != 0) {
        ms_error err = { 0 };
        if (ms_render_check(o->layout, o->render, &err) != MS_OK)
            return ms_cli_usage_error(cli, "%s", err.msg);
    }
    return 0;
}

/* Writes the DOT text to -o's file (or stdout), rendered if asked. */
static int output(const opts *o, const char *dot, size_t len)
{
    if (!o->output) {
        int r = emit(o, dot, len, stdout, "stdout");
        return r ? r : ms_cli_finish_output();
    }
    ms_outfile out;
    ms_error err = { 0 };
    if (ms_outfile_open(&out, o->output, &err) != MS_OK) {
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    int r = emit(o, dot, len, out.f, o->output);
    if (r) {
        ms_outfile_abort(&out);
        return r;
    }
    if (ms_outfile_commit(&out, &err) != MS_OK) {
        ms_cli_error("%s", err.msg);
        return MS_EXIT_IO;
    }
    return 0;
}

static int run(ms_cli *cli, void *opts_, char **operands, int n, ms_heap *h)
{
    (void)operands;
    (void)n;
    const opts *o = opts_;
    ms_analysis a;
    /* The diagram marks references within a cycle: membership only. */
    ms_cli_analyze(cli, h, MS_RUN_DOMINATORS | MS_RUN_CYCLES | MS_RUN_MEMBERSHIP, &a);
    uint32_t *starts = NULL, nstarts = 0;
    int r = resolve_starts(h, &a, o, &starts, &nstarts);
    if (r) {
        ms_analysis_free(&a);
        return r;
    }
    uint32_t *filter = resolve_types(cli, h, "--filter", &o->filter);
    uint32_t *ignore = resolve_types(cli, h, "--ignore", &o->ignore);
    uint32_t *highlight = resolve_types(cli, h, "--highlight", &o->highlight);
    ms_diagram_opts dopts = {
        .mode = modes[o->mode - MS_OPT_BACKREFS], .max_depth = o->max_depth,
        .too_many = o->too_many, .max_nodes = o->max_nodes, .filter = filter,
        .nfilter = (uint32_t)o->filter.n, .ignore = ignore, .nignore = (uint32_t)o->ignore.n,
    };
    ms_diagram d;
    ms_diagram_build(h, &a, starts, nstarts, &dopts, &d);
    bool tree = dopts.mode == MS_DIAGRAM_CHAIN || dopts.mode == MS_DIAGRAM_DOMINATORS;
    const char *none = dopts.mode == MS_DIAGRAM_CHAIN ? "retaining path" : "dominator subtree";
    if (tree && d.unreachable == nstarts) {
        if (nstarts == 1)
            ms_cli_error("%s: object %" PRIu64 " is unreachable from the roots (garbage): no %s",
                         h->source, h->id[starts[0]], none);
        else
            ms_cli_error("%s: all %" PRIu32 " objects are unreachable from the roots (garbage): "
                         "no %s", h->source, nstarts, none);
        r = MS_EXIT_FINDINGS;
    } else {
        if (!cli->quiet && tree && d.unreachable)
            ms_cli_error("note: %u of %u objects are garbage: drawn alone", d.unreachable,
                         nstarts);
        if (!cli->quiet && d.capped) {
            char cnt[32];
            ms_cli_error("note: diagram capped at %u objects (--max-nodes): %s more not drawn",
                         o->max_nodes, ms_fmt_count(d.capped, cnt, sizeof cnt));
        }
        char *dot = NULL;
        size_t len = 0;
        FILE *mem = ms_memstream(&dot, &len);
        ms_dot_style style = { .mode = dopts.mode, .highlight = highlight,
                               .nhighlight = (uint32_t)o->highlight.n,
                               .layout = strcmp(o->layout, "dot") ? o->layout : NULL,
                               .sites = o->sites, .max_nodes = o->max_nodes };
        ms_report_dot(mem, h, &a, &d, &style);
        ms_memstream_close(mem);
        r = output(o, dot, len);
        free(dot);
    }
    ms_diagram_free(&d);
    free(filter);
    free(ignore);
    free(highlight);
    free(starts);
    ms_analysis_free(&a);
    return r;
}

static const opts defaults = { .max_depth = 3, .too_many = 10, .max_nodes = 300, .limit = 10,
                               .layout = "dot" };

const ms_command ms_cmd_graph = {
    .name = "graph",
    .bit = MS_C_GRAPH,
    .usage = "memscope graph (--backrefs|--refs|--chain|--dominators) [options] OBJ... DUMP",
    .about = "Draw a reference diagram around the objects OBJ (a decimal or 0x-hex id,\n"
             "or type:NAME for the --limit objects of type NAME retaining most), the way\n"
             "objgraph does, with retained sizes, cycles and garbage drawn in. An OBJ -\n"
             "reads more OBJs from standard input, one a line. Writes Graphviz DOT to\n"
             "stdout, or renders it in process with libgvc (-o, -T).\n",
    .summary = "reference diagrams around objects (DOT, SVG, PNG, PDF)",
    .flags = MS_CMD_LOADS | MS_CMD_DUMP_LAST | MS_CMD_NO_FORMAT,
    .writes = "DOT, or what -T or the -o extension asks for",
    .opts_size = sizeof defaults,
    .defaults = &defaults,
    .option = opt,
    .check = check,
    .run = run,
    .free = free_opts,
};
