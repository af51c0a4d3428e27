/* html.c — the page of `memscope report`: one self-contained HTML file.
 *
 * The page holds, in this order: the header (dumps, meta, totals, root
 * rule), #types (every type, as `analyze --top 0` lists them, in a table
 * that sorts on a header click and has a filter box), #treemap (the
 * dominator tree, treemap.c), #suspects (each leak suspect with its path
 * and its `graph --chain` and `--backrefs` diagrams as inline SVG from
 * libgvc), and empty sections that report.js fills from the page's data:
 * cycles, garbage, the detached DOM, allocation sites and, with several
 * dumps, diff's tables. The data is the JSON `analyze -f json` prints (and
 * `diff -f json`'s), in <script type="application/json"> elements. The
 * CSS and JS are src/report/html/report.{css,js}, embedded by the build:
 * nothing is fetched from anywhere. */
#include "memscope/alloc.h"
#include "memscope/diagram.h"
#include "memscope/render.h"
#include "memscope/reports.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

extern const char ms_report_css[], ms_report_js[];

#define SUSPECT_DIAGRAMS 6 /* suspects drawn at most (each diagram costs a layout) */

/* JSON text in a <script> element of its own. */
static void script_json(FILE *f, const char *id, const char *json)
{
    fprintf(f, "<script type=\"application/json\" id=\"%s\">", id);
    ms_html_script(f, json);
    fputs("</script>\n", f);
}

static void header(FILE *f, const ms_html_page *p)
{
    const ms_heap *h = p->s->h;
    char a[64], b[64];
    fputs("<h1>memscope report</h1>\n<nav><a href=\"#types\">Types</a><a href=\"#treemap\">"
          "Treemap</a><a href=\"#suspects\">Leak suspects</a><a href=\"#cycles\">Cycles</a>"
          "<a href=\"#garbage\">Garbage</a>", f);
    if (p->diff_json)
        fputs("<a href=\"#diff\">Changes</a>", f);
    fputs("</nav>\n<dl class=\"meta\">\n", f);
    for (int i = 0; i < p->ndumps; i++) {
        fprintf(f, "<dt>%s</dt><dd class=\"mono\">", p->ndumps == 1 ? "dump"
                : i == 0 ? "before" : i == p->ndumps - 1 && p->ndumps == 3 ? "final" : "after");
        ms_html_text(f, p->dumps[i]);
        fputs("</dd>\n", f);
    }
    if (h->meta_json) {
        fputs("<dt>meta</dt><dd class=\"mono\">", f);
        ms_html_text(f, h->meta_json);
        fputs("</dd>\n", f);
    }
    fprintf(f, "<dt>objects</dt><dd>%s, %s</dd>\n", ms_fmt_count(h->n, a, sizeof a),
            ms_fmt_bytes(h->total_size, b, sizeof b));
    fprintf(f, "<dt>references</dt><dd>%s</dd>\n", ms_fmt_count(h->m, a, sizeof a));
    fprintf(f, "<dt>reachable</dt><dd>%s objects, %s</dd>\n",
            ms_fmt_count(p->s->an->dom.count, a, sizeof a),
            ms_fmt_bytes(p->s->an->dom.retained[0], b, sizeof b));
    fprintf(f, "<dt>roots</dt><dd>%s (%s)</dd>\n", ms_fmt_count(p->s->an->roots.count, a, sizeof a),
            ms_root_rule_text(p->s->an->roots.rule));
    fputs("</dl>\n", f);
}

/* One numeric cell: shown formatted, sorted by data-v. */
static void num(FILE *f, uint64_t v, bool bytes)
{
    char a[64];
    fprintf(f, "<td class=\"num\" data-v=\"%" PRIu64 "\">%s</td>", v,
            bytes ? ms_fmt_bytes(v, a, sizeof a) : ms_fmt_count(v, a, sizeof a));
}

static void types(FILE *f, const ms_summary *s)
{
    char a[64];
    fprintf(f, "<section id=\"types\"><h2>Types</h2>\n<p class=\"muted\">%s types; click a "
               "header to sort.</p>\n<input class=\"filter\" data-table=\"types-table\" "
               "placeholder=\"filter types\">\n<table id=\"types-table\" class=\"sortable\">"
               "<thead><tr><th>TYPE</th><th>COUNT</th><th>BYTES</th><th>%% HEAP</th>"
               "<th>RETAINED</th></tr></thead>\n<tbody>\n",
            ms_fmt_count(s->fi->ntypes, a, sizeof a));
    for (uint32_t i = 0; i < s->fi->ntypes; i++) {
        const ms_type_row *r = &s->fi->types[i];
        fputs("<tr><td>", f);
        ms_html_text(f, ms_heap_str(s->h, r->type));
        fputs("</td>", f);
        num(f, r->count, false);
        num(f, r->bytes, true);
        double pc = s->h->total_size ? 100.0 * (double)r->bytes / (double)s->h->total_size : 0;
        fprintf(f, "<td class=\"num\" data-v=\"%.4f\">%.1f%%</td>", pc, pc);
        num(f, r->retained, true);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></section>\n", f);
}

/* The diagram (chain or backrefs) of node as inline SVG, or a note. */
static void diagram(FILE *f, const ms_heap *h, ms_analysis *an, uint32_t node,
                    ms_diagram_mode mode, const char *caption)
{
    ms_diagram_opts o = { .mode = mode, .max_depth = mode == MS_DIAGRAM_CHAIN ? 64 : 3,
                          .too_many = 10, .max_nodes = 60 };
    ms_diagram d;
    ms_diagram_build(h, an, &node, 1, &o, &d);
    char *dot = NULL, *svg = NULL;
    size_t dlen = 0, slen = 0;
    FILE *mem = ms_memstream(&dot, &dlen);
    ms_dot_style st = { .mode = mode, .max_nodes = o.max_nodes };
    ms_report_dot(mem, h, an, &d, &st);
    ms_memstream_close(mem);
    mem = ms_memstream(&svg, &slen);
    ms_error err = { 0 };
    ms_status rs = ms_render(dot, "dot", "svg", mem, &err);
    ms_memstream_close(mem);
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    fputs("<figure>", f);
    if (rs == MS_OK && start)
        fputs(start, f); /* libgvc's SVG, without its XML prolog and DOCTYPE */
    else
        fprintf(f, "<p class=\"muted\">no diagram: %s</p>", err.msg);
    fprintf(f, "<figcaption>%s</figcaption></figure>\n", caption);
    free(dot);
    free(svg);
    ms_diagram_free(&d);
}

static void suspects(FILE *f, const ms_html_page *p)
{
    const ms_summary *s = p->s;
    const ms_heap *h = s->h;
    char a[64], b[64], t[200];
    fprintf(f, "<section id=\"suspects\"><h2>Leak suspects</h2>\n<p class=\"muted\">Objects "
               "retaining at least %g%% of the reachable heap.</p>\n", s->threshold);
    if (!s->fi->nsuspects)
        fputs("<p>None.</p>\n", f);
    for (uint32_t i = 0; i < s->fi->nsuspects; i++) {
        const ms_suspect *x = &s->fi->suspects[i];
        fprintf(f, "<div class=\"suspect\" data-id=\"%" PRIu64 "\"><h3>%u. ", h->id[x->node],
                i + 1);
        if (x->group)
            fprintf(f, "%s objects of type ", ms_fmt_count(x->count, a, sizeof a));
        ms_html_text(f, x->group ? ms_heap_str(h, x->type) : ms_node_title(h, x->node, t, sizeof t, 60));
        fprintf(f, " %s %s (%.1f%%)</h3>\n", x->group ? "retain" : "retains",
                ms_fmt_bytes(x->retained, b, sizeof b),
                s->an->dom.retained[0] ? 100.0 * (double)x->retained /
                                         (double)s->an->dom.retained[0] : 0.0);
        if (x->holds_count) {
            fprintf(f, "<p>holds %s objects of type ", ms_fmt_count(x->holds_count, a, sizeof a));
            ms_html_text(f, ms_heap_str(h, x->holds_type));
            fprintf(f, " retaining %s</p>\n", ms_fmt_bytes(x->holds_retained, b, sizeof b));
        }
        uint32_t *path = NULL;
        uint32_t len = s->fi->parent ? ms_path_from_parents(s->fi->parent, x->node, &path) : 0;
        fputs("<ol class=\"mono\">", f);
        for (uint32_t k = 0; k < len; k++) {
            char nb[MS_INDEX_NAME_MAX];
            const char *edge = ms_path_edge(h, path, k, nb);
            fputs("<li>", f);
            if (edge) {
                fputs("--", f);
                ms_html_text(f, edge);
                fputs("--&gt; ", f);
            }
            ms_html_text(f, ms_node_title(h, path[k], t, sizeof t, 60));
            fprintf(f, " <span class=\"muted\">%" PRIu64 "</span></li>", h->id[path[k]]);
        }
        fputs("</ol>\n", f);
        free(path);
        if (i < SUSPECT_DIAGRAMS) {
            fputs("<div class=\"diagrams\">\n", f);
            diagram(f, h, p->an, x->node, MS_DIAGRAM_CHAIN, "retaining chain (graph --chain)");
            diagram(f, h, p->an, x->node, MS_DIAGRAM_BACKREFS, "referrers (graph --backrefs)");
            fputs("</div>\n", f);
        }
        fputs("</div>\n", f);
    }
    fputs("</section>\n", f);
}

void ms_report_html(FILE *f, const ms_html_page *p)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>memscope report: ", f);
    ms_html_text(f, p->dumps[p->ndumps - 1]);
    fputs("</title>\n<style>\n", f);
    fputs(ms_report_css, f);
    fputs("</style></head><body>\n", f);
    header(f, p);
    types(f, p->s);
    fputs("<section id=\"treemap\"><h2>Treemap of the dominator tree</h2>\n<p class=\"muted\">"
          "Each object's area, among its siblings, is in proportion to what it retains. Click "
          "to zoom in; hover for details.</p>\n<div class=\"tm-bar\"><button id=\"tm-back\">"
          "Back</button><button id=\"tm-reset\">Whole heap</button></div>\n", f);
    ms_report_treemap(f, p->s->h, &p->an->dom);
    fputs("<div id=\"tm-tip\"></div></section>\n", f);
    suspects(f, p);
    fputs("<section id=\"diff\"></section>\n<section id=\"cycles\"></section>\n<section "
          "id=\"garbage\"></section>\n<section id=\"detached\"></section>\n<section id=\"sites\">"
          "</section>\n", f);
    script_json(f, "data", p->data_json);
    if (p->diff_json)
        script_json(f, "diff-data", p->diff_json);
    fputs("<script>\n", f);
    fputs(ms_report_js, f);
    fputs("</script>\n</body></html>\n", f);
}
