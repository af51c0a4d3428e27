/* cmd_graph.c — `memscope graph`: objgraph-style reference diagrams (who
 * refers to OBJ, what it refers to, its retaining chain, its dominator
 * subtree) as DOT, or rendered in process by libgvc. */
#include "cli.h"
#include "memscope/alloc.h"
#include "memscope/diagram.h"
#include "memscope/outfile.h"
#include "memscope/render.h"
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: memscope graph (--backrefs|--refs|--chain|--dominators) [options] OBJ... DUMP\n"
    "\n"
    "Draw a reference diagram around the objects OBJ (a decimal or 0x-hex id,\n"
    "or type:NAME for the --limit objects of type NAME retaining most), the way\n"
    "objgraph does, with retained sizes, cycles and garbage drawn in. Writes\n"
    "Graphviz DOT to stdout, or renders it in process with libgvc (-o, -T).\n"
    "\n"
    "Diagrams (one of):\n"
    "      --backrefs[=OBJ]  who refers to OBJ, breadth first (objgraph show_backrefs)\n"
    "      --refs[=OBJ]      what OBJ refers to (objgraph show_refs)\n"
    "      --chain[=OBJ]     the shortest retaining path from a root to OBJ\n"
    "      --dominators[=OBJ]  the dominator subtree under OBJ, largest first\n"
    "\n"
    "Options:\n"
    "      --max-depth N     levels drawn beyond the start objects (default 3)\n"
    "      --too-many N      neighbours drawn per object; the rest in a red box\n"
    "                        (default 10)\n"
    "      --max-nodes N     objects drawn at most, with a note when reached\n"
    "                        (default 300)\n"
    "      --limit N         objects taken for each type:NAME (default 10; 0 = all)\n"
    "      --filter TYPE     draw only neighbours of type TYPE (repeatable)\n"
    "      --ignore TYPE     leave out neighbours of type TYPE (repeatable)\n"
    "      --highlight TYPE  fill objects of type TYPE blue (repeatable)\n"
    "      --sites           label objects with their allocation site (the\n"
    "                        innermost frame), when the dump has sites\n"
    "  -o, --output FILE     write to FILE, format by extension (.dot, .gv, .svg,\n"
    "                        .png, .pdf, ...)\n"
    "  -T FORMAT             output format (dot, svg, png, pdf, ...: any libgvc knows)\n"
    "      --layout ENGINE   dot (default), neato, fdp, sfdp, circo, twopi, ...\n"
    "      --input-format F  auto (default), native, ruby or v8\n"
    "      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)\n"
    "  -q, --quiet           no progress or notes on stderr\n"
    "  -v, --verbose         phase times and memory use on stderr\n"
    "  -h, --help            show this help\n";

enum {
    OPT_BACKREFS = 1,
    OPT_REFS,
    OPT_CHAIN,
    OPT_DOMINATORS,
    OPT_MAX_DEPTH,
    OPT_TOO_MANY,
    OPT_MAX_NODES,
    OPT_LIMIT,
    OPT_FILTER,
    OPT_IGNORE,
    OPT_HIGHLIGHT,
    OPT_LAYOUT,
    OPT_SITES,
};

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
    int mode;            /* OPT_BACKREFS..OPT_DOMINATORS, 0 = not given */
    strs objs, filter, ignore, highlight;
    bool sites;          /* --sites: allocation sites in the labels */
    uint32_t max_depth, too_many, max_nodes, limit;
    const char *output, *format, *layout;
} opts;

static const char *const mode_names[] = { "", "--backrefs", "--refs", "--chain",
                                          "--dominators" };

static int opt(ms_cli *cli, void *ctx, int c, const char *arg)
{
    opts *o = ctx;
    switch (c) {
    case OPT_BACKREFS:
    case OPT_REFS:
    case OPT_CHAIN:
    case OPT_DOMINATORS:
        if (o->mode && o->mode != c)
            return ms_cli_usage_error(cli, "%s and %s: choose one diagram", mode_names[o->mode],
                                      mode_names[c]);
        o->mode = c;
        if (arg)
            push(&o->objs, arg);
        return 0;
    case OPT_MAX_DEPTH:
        return ms_cli_parse_u32(cli, "--max-depth", arg, &o->max_depth);
    case OPT_TOO_MANY:
        return ms_cli_parse_u32(cli, "--too-many", arg, &o->too_many);
    case OPT_MAX_NODES:
        if (ms_cli_parse_u32(cli, "--max-nodes", arg, &o->max_nodes))
            return MS_EXIT_USAGE;
        return o->max_nodes ? 0 : ms_cli_usage_error(cli, "--max-nodes: must be at least 1");
    case OPT_LIMIT:
        return ms_cli_parse_u32(cli, "--limit", arg, &o->limit);
    case OPT_FILTER:
        push(&o->filter, arg);
        return 0;
    case OPT_IGNORE:
        push(&o->ignore, arg);
        return 0;
    case OPT_HIGHLIGHT:
        push(&o->highlight, arg);
        return 0;
    case 'o':
        o->output = arg;
        return 0;
    case 'T':
        o->format = arg;
        return 0;
    case OPT_LAYOUT:
        o->layout = arg;
        return 0;
    case OPT_SITES:
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

/* Adds the start objects named by the OBJ arguments to *starts (distinct,
 * in order). Returns 0 or an exit code after a message. */
static int resolve_starts(const ms_heap *h, const ms_analysis *a, const opts *o,
                          uint32_t **starts, uint32_t *nstarts)
{
    uint32_t *out = NULL;
    size_t n = 0, cap = 0;
    uint8_t *seen = ms_calloc((size_t)h->n + 1, 1);
    int r = 0;
    for (size_t i = 0; i < o->objs.n && !r; i++) {
        const char *arg = o->objs.s[i];
        uint32_t *nodes = NULL, count = 0, one;
        if (strncmp(arg, "type:", 5) == 0) {
            uint32_t t = ms_strpool_find(&h->strings, arg + 5, strlen(arg + 5));
            if (t != UINT32_MAX)
                nodes = ms_nodes_of_type(h, &a->dom, t, o->limit, &count);
            if (!count) {
                fprintf(stderr, "memscope: %s: no object of type %s\n", h->source, arg + 5);
                r = MS_EXIT_NOTFOUND;
            }
        } else {
            uint64_t id;
            ms_cli_parse_id(arg, &id);
            if (!(r = ms_cli_find(h, id, arg, &one))) {
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
        t[i] = ms_strpool_find(&h->strings, l->s[i], strlen(l->s[i]));
        bool used = false;
        for (uint32_t k = 0; t[i] != UINT32_MAX && k < h->n && !used; k++)
            used = h->type[k] == t[i];
        if (!used) {
            t[i] = UINT32_MAX;
            if (!cli->quiet)
                fprintf(stderr, "memscope: warning: %s: %s %s: no object of that type\n",
                        h->source, opt, l->s[i]);
        }
    }
    return t;
}

/* Writes the diagram's DOT text, or renders it, to out. */
static int emit(const opts *o, const char *format, const char *dot, size_t len, FILE *out,
                const char *name)
{
    if (strcmp(format, "dot") == 0 || strcmp(format, "gv") == 0) {
        if (fwrite(dot, 1, len, out) != len || fflush(out) != 0) {
            fprintf(stderr, "memscope: %s: write error\n", name);
            return MS_EXIT_IO;
        }
        return 0;
    }
    ms_error err = { 0 };
    ms_status st = ms_render(dot, o->layout, format, out, &err);
    if (st != MS_OK) {
        fprintf(stderr, "memscope: %s: %s\n", name, err.msg);
        return ms_status_exit(st);
    }
    return 0;
}

static void free_opts(opts *o)
{
    free(o->objs.s);
    free(o->filter.s);
    free(o->ignore.s);
    free(o->highlight.s);
}

static int draw(ms_cli *cli, opts *o, const char *dump, const char *format);

static int run(int argc, char **argv)
{
    ms_cli cli;
    ms_cli_init(&cli, &ms_cmd_graph);
    cli.shortopts = "o:T:";
    static const struct option longopts[] = {
        { "backrefs", optional_argument, NULL, OPT_BACKREFS },
        { "refs", optional_argument, NULL, OPT_REFS },
        { "chain", optional_argument, NULL, OPT_CHAIN },
        { "dominators", optional_argument, NULL, OPT_DOMINATORS },
        { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
        { "too-many", required_argument, NULL, OPT_TOO_MANY },
        { "max-nodes", required_argument, NULL, OPT_MAX_NODES },
        { "limit", required_argument, NULL, OPT_LIMIT },
        { "filter", required_argument, NULL, OPT_FILTER },
        { "ignore", required_argument, NULL, OPT_IGNORE },
        { "highlight", required_argument, NULL, OPT_HIGHLIGHT },
        { "output", required_argument, NULL, 'o' },
        { "layout", required_argument, NULL, OPT_LAYOUT },
        { "sites", no_argument, NULL, OPT_SITES },
        { NULL, 0, NULL, 0 },
    };
    opts o = { .max_depth = 3, .too_many = 10, .max_nodes = 300, .limit = 10,
               .layout = "dot" };
    int r = ms_cli_options(&cli, argc, argv, longopts, opt, &o);
    if (r) {
        free_opts(&o);
        return r == MS_CLI_DONE ? 0 : r;
    }
    if (cli.format_given)
        r = ms_cli_usage_error(&cli, "--format does not apply: graph writes DOT, or what -T or "
                                     "the -o extension asks for");
    else if (!o.mode)
        r = ms_cli_usage_error(&cli, "choose a diagram: --backrefs, --refs, --chain or "
                                     "--dominators");
    else if (optind >= argc)
        r = ms_cli_usage_error(&cli, "expected OBJ... DUMP");
    for (int i = optind; !r && i < argc - 1; i++)
        push(&o.objs, argv[i]);
    if (!r && !o.objs.n)
        r = ms_cli_usage_error(&cli, "expected at least one OBJ before DUMP");
    for (size_t i = 0; !r && i < o.objs.n; i++)
        r = ms_cli_obj_or_type_arg(&cli, o.objs.s[i]);
    if (!r && strspn(o.layout, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(o.layout))
        r = ms_cli_usage_error(&cli, "--layout: expected an engine name such as dot or neato, "
                                     "got '%s'", o.layout);
    const char *format = o.format ? o.format : o.output ? ms_render_format_of(o.output) : "dot";
    if (!r && !format)
        r = ms_cli_usage_error(&cli, "-o %s: cannot tell the format from the extension: give "
                                     "-T FORMAT", o.output);
    if (!r && !o.output && binary_format(format) && isatty(1))
        r = ms_cli_usage_error(&cli, "will not write %s to a terminal: give -o FILE or "
                                     "redirect", format);
    if (!r && strcmp(format, "dot") != 0 && strcmp(format, "gv") != 0) {
        ms_error err = { 0 };
        if (ms_render_check(o.layout, format, &err) != MS_OK)
            r = ms_cli_usage_error(&cli, "%s", err.msg);
    }
    if (!r)
        r = draw(&cli, &o, argv[argc - 1], format);
    free_opts(&o);
    return r;
}

static int draw(ms_cli *cli, opts *o, const char *dump, const char *format)
{
    ms_heap *h;
    int r = ms_cli_load(cli, dump, &h);
    if (r)
        return r;
    ms_analysis a;
    ms_cli_analyze(cli, h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &a);
    uint32_t *starts = NULL, nstarts = 0;
    if ((r = resolve_starts(h, &a, o, &starts, &nstarts)))
        goto out_analysis;
    uint32_t *filter = resolve_types(cli, h, "--filter", &o->filter);
    uint32_t *ignore = resolve_types(cli, h, "--ignore", &o->ignore);
    uint32_t *highlight = resolve_types(cli, h, "--highlight", &o->highlight);
    static const ms_diagram_mode modes[] = { 0, MS_DIAGRAM_BACKREFS, MS_DIAGRAM_REFS,
                                             MS_DIAGRAM_CHAIN, MS_DIAGRAM_DOMINATORS };
    ms_diagram_opts dopts = {
        .mode = modes[o->mode], .max_depth = o->max_depth, .too_many = o->too_many,
        .max_nodes = o->max_nodes, .filter = filter, .nfilter = (uint32_t)o->filter.n,
        .ignore = ignore, .nignore = (uint32_t)o->ignore.n,
    };
    ms_diagram d;
    ms_diagram_build(h, &a, starts, nstarts, &dopts, &d);
    bool tree = dopts.mode == MS_DIAGRAM_CHAIN || dopts.mode == MS_DIAGRAM_DOMINATORS;
    if (tree && d.unreachable == nstarts) {
        if (nstarts == 1)
            fprintf(stderr, "memscope: %s: object %" PRIu64 " is", h->source, h->id[starts[0]]);
        else
            fprintf(stderr, "memscope: %s: all %" PRIu32 " objects are", h->source, nstarts);
        fprintf(stderr, " unreachable from the roots (garbage): no %s\n",
                dopts.mode == MS_DIAGRAM_CHAIN ? "retaining path" : "dominator subtree");
        r = MS_EXIT_FINDINGS;
        goto out_diagram;
    }
    if (!cli->quiet && tree && d.unreachable)
        fprintf(stderr, "memscope: note: %u of %u objects are garbage: drawn alone\n",
                d.unreachable, nstarts);
    if (!cli->quiet && d.capped) {
        char cnt[32];
        fprintf(stderr, "memscope: note: diagram capped at %u objects (--max-nodes): %s more "
                        "not drawn\n", o->max_nodes, ms_fmt_count(d.capped, cnt, sizeof cnt));
    }

    char *dot = NULL;
    size_t len = 0;
    FILE *mem = ms_memstream(&dot, &len);
    ms_dot_style style = { .mode = dopts.mode, .highlight = highlight,
                           .nhighlight = (uint32_t)o->highlight.n,
                           .layout = strcmp(o->layout, "dot") ? o->layout : NULL,
                           .sites = o->sites,
                           .max_nodes = o->max_nodes };
    ms_report_dot(mem, h, &a, &d, &style);
    ms_memstream_close(mem);
    if (o->output) {
        ms_outfile out;
        ms_error err = { 0 };
        if (ms_outfile_open(&out, o->output, &err) != MS_OK) {
            fprintf(stderr, "memscope: %s\n", err.msg);
            r = MS_EXIT_IO;
        } else if ((r = emit(o, format, dot, len, out.f, o->output))) {
            ms_outfile_abort(&out);
        } else if (ms_outfile_commit(&out, &err) != MS_OK) {
            fprintf(stderr, "memscope: %s\n", err.msg);
            r = MS_EXIT_IO;
        }
    } else if (!(r = emit(o, format, dot, len, stdout, "stdout"))) {
        r = ms_cli_finish_output();
    }
    free(dot);
out_diagram:
    ms_diagram_free(&d);
    free(filter);
    free(ignore);
    free(highlight);
    free(starts);
out_analysis:
    ms_analysis_free(&a);
    ms_heap_free(h);
    return r;
}

const ms_command ms_cmd_graph = {
    "graph", run, usage, "reference diagrams around objects (DOT, SVG, PNG, PDF)",
};
