/* html.c — the page of `memscope report`: one self-contained HTML file.
 *
 * The page opens on the answer. In this order: the header (the dumps, the
 * dump's meta as labelled fields, the totals: a few lines), the findings
 * (with three dumps, #leaks, diff's leak clusters, which report.js draws
 * from the diff data; then #suspects, each leak suspect with its name,
 * path, what it holds and is made of, and its `graph --chain` and
 * `--backrefs` diagrams as inline SVG from libgvc), #treemap (the
 * dominator tree, treemap.c), then the tables: #types (every type, as
 * `analyze --top 0` lists them, in a table that sorts on a header click
 * and has a filter box) and empty sections that report.js fills from the
 * page's data: the largest retainers, diff's tables, the detached DOM,
 * cycles, garbage and allocation sites. report.js shows the first rows of
 * a long table and a button to show them all. The data is the JSON
 * `analyze -f json` prints (and `diff -f json`'s), in <script
 * type="application/json"> elements. The CSS and JS are
 * src/report/html/report.{css,js}, embedded by the build: nothing is
 * fetched from anywhere. */
#include "memscope/alloc.h"
#include "memscope/diagram.h"
#include "memscope/render.h"
#include "memscope/reports.h"

#include <cjson/cJSON.h>
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

/* JSON text written as it is (a number, true, false, null, or a nested
 * value as compact JSON). */
static void json_text(FILE *f, const cJSON *v)
{
    char *t = cJSON_PrintUnformatted(v);
    if (t)
        ms_html_text(f, t);
    cJSON_free(t);
}

/* A meta value as text: a string as it is; an object or an array as its
 * members separated by ", ", each "key value" or the value alone (a
 * string as it is, anything else as JSON); anything else as JSON. */
static void meta_value(FILE *f, const cJSON *v)
{
    if (cJSON_IsString(v)) {
        ms_html_text(f, v->valuestring);
        return;
    }
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v)) {
        json_text(f, v);
        return;
    }
    const cJSON *c;
    int k = 0;
    cJSON_ArrayForEach(c, v) {
        if (k++)
            fputs(", ", f);
        if (c->string) {
            ms_html_text(f, c->string);
            fputc(' ', f);
        }
        if (cJSON_IsString(c))
            ms_html_text(f, c->valuestring);
        else
            json_text(f, c);
    }
}

/* The header's meta: each key of the dump's meta object a label, its value
 * as text (runtime V8, format heapsnapshot; runtime CPython, version
 * 3.11.2, pid 4242...). Meta that is not a JSON object is shown whole. */
static void meta_fields(FILE *f, const char *meta_json)
{
    cJSON *m = cJSON_Parse(meta_json);
    if (cJSON_IsObject(m)) {
        const cJSON *c;
        cJSON_ArrayForEach(c, m) {
            fputs("<div><dt>", f);
            ms_html_text(f, c->string);
            fputs("</dt><dd>", f);
            meta_value(f, c);
            fputs("</dd></div>\n", f);
        }
    } else {
        fputs("<div><dt>meta</dt><dd class=\"mono\">", f);
        if (m)
            meta_value(f, m);
        else
            ms_html_text(f, meta_json);
        fputs("</dd></div>\n", f);
    }
    cJSON_Delete(m);
}

/* The header, kept to a few lines so that the first finding is on the
 * first screen: the title and the links to the sections, then the dumps
 * and the meta as labelled fields, then the totals. */
static void header(FILE *f, const ms_html_page *p)
{
    const ms_heap *h = p->s->h;
    char a[64], b[64];
    fputs("<header><div class=\"top\"><h1>memscope report</h1><nav>", f);
    if (p->diff_json && p->ndumps == 3)
        fputs("<a href=\"#leaks\">Leak clusters</a>", f);
    fputs("<a href=\"#suspects\">Leak suspects</a><a href=\"#treemap\">Treemap</a>"
          "<a href=\"#types\">Types</a><a href=\"#retainers\">Retainers</a>", f);
    if (p->diff_json)
        fputs("<a href=\"#diff\">Changes</a>", f);
    fputs("<a href=\"#cycles\">Cycles</a><a href=\"#garbage\">Garbage</a></nav></div>\n"
          "<dl class=\"meta\" id=\"meta\">\n", f);
    for (int i = 0; i < p->ndumps; i++) {
        fprintf(f, "<div><dt>%s</dt><dd class=\"mono\">", p->ndumps == 1 ? "dump"
                : i == 0 ? "before" : i == p->ndumps - 1 && p->ndumps == 3 ? "final" : "after");
        ms_html_text(f, p->dumps[i]);
        fputs("</dd></div>\n", f);
    }
    if (h->meta_json)
        meta_fields(f, h->meta_json);
    fputs("</dl>\n<dl class=\"meta\" id=\"totals\">\n", f);
    fprintf(f, "<div><dt>objects</dt><dd>%s, %s</dd></div>\n", ms_fmt_count(h->n, a, sizeof a),
            ms_fmt_bytes(h->total_size, b, sizeof b));
    fprintf(f, "<div><dt>references</dt><dd>%s</dd></div>\n", ms_fmt_count(h->m, a, sizeof a));
    fprintf(f, "<div><dt>reachable</dt><dd>%s objects, %s</dd></div>\n",
            ms_fmt_count(p->s->an->dom.count, a, sizeof a),
            ms_fmt_bytes(p->s->an->dom.retained[0], b, sizeof b));
    fprintf(f, "<div><dt>roots</dt><dd>%s (%s)</dd></div>\n",
            ms_fmt_count(p->s->an->roots.count, a, sizeof a),
            ms_root_rule_text(p->s->an->roots.rule));
    fputs("</dl></header>\n", f);
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

/* "made of bytes 2.9 KiB (3), app.Session 240 B (3)": the types that carry
 * a finding's retained size, as analyze and diff print them. */
static void parts(FILE *f, const ms_heap *h, const ms_suspect_part *pt, uint32_t n)
{
    char a[64], b[64];
    for (uint32_t k = 0; k < n; k++) {
        fputs(k ? ", " : "<p>made of ", f);
        ms_html_text(f, ms_heap_str(h, pt[k].type));
        fprintf(f, " %s (%s)", ms_fmt_bytes(pt[k].bytes, a, sizeof a),
                ms_fmt_count(pt[k].count, b, sizeof b));
    }
    if (n)
        fputs("</p>\n", f);
}

/* The leak suspects, as analyze lists them: each with the name it is
 * reached by, what it retains, holds and is made of, its path from a root
 * and, for the first SUSPECT_DIAGRAMS, its diagrams. */
static void suspects(FILE *f, const ms_html_page *p)
{
    const ms_summary *s = p->s;
    const ms_heap *h = s->h;
    char a[64], b[64], t[200], nb[256];
    fprintf(f, "<section id=\"suspects\"><h2>Leak suspects</h2>\n<p class=\"muted\">Objects "
               "retaining at least %g%% of the reachable heap.</p>\n", s->threshold);
    uint32_t above = 0;
    while (above < s->fi->nsuspects && !s->fi->suspects[above].below)
        above++;
    if (!above)
        fputs("<p>None.</p>\n", f);
    for (uint32_t i = 0; i < s->fi->nsuspects; i++) {
        const ms_suspect *x = &s->fi->suspects[i];
        if (i == above)
            fputs("<p class=\"muted\">Under the threshold, the strongest accumulation "
                  "points:</p>\n", f);
        fprintf(f, "<div class=\"suspect finding\" data-id=\"%" PRIu64 "\"><h3>%u. ",
                h->id[x->node], i + 1);
        if (x->name) {
            ms_html_text(f, ms_fmt_name(ms_heap_str(h, x->name), nb, sizeof nb));
            fputs(": ", f);
        }
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
        parts(f, h, x->parts, x->nparts);
        uint32_t *path = NULL;
        uint32_t len = s->fi->parent ? ms_path_from_parents(s->fi->parent, x->node, &path) : 0;
        fputs("<ol class=\"mono path\">", f);
        for (uint32_t k = 0; k < len; k++) {
            char eb[MS_INDEX_NAME_MAX];
            const char *edge = ms_path_edge(h, path, k, eb);
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
    /* The findings first: with three dumps, diff's leak clusters (objects new
     * in AFTER and still in FINAL: the leak hunt's strongest evidence), drawn
     * by report.js; then the suspects of the last dump. */
    if (p->diff_json && p->ndumps == 3)
        fputs("<section id=\"leaks\"></section>\n", f);
    suspects(f, p);
    fputs("<section id=\"treemap\"><h2>Treemap of the dominator tree</h2>\n<p class=\"muted\">"
          "Each object's area, among its siblings, is in proportion to what it retains. Click "
          "to zoom in; hover for details.</p>\n<div class=\"tm-bar\"><button id=\"tm-back\">"
          "Back</button><button id=\"tm-reset\">Whole heap</button></div>\n", f);
    ms_report_treemap(f, p->s->h, &p->an->dom);
    fputs("<div id=\"tm-tip\"></div></section>\n", f);
    types(f, p->s);
    fputs("<section id=\"retainers\"></section>\n<section id=\"diff\"></section>\n<section "
          "id=\"detached\"></section>\n<section id=\"cycles\"></section>\n<section "
          "id=\"garbage\"></section>\n<section id=\"sites\"></section>\n", f);
    script_json(f, "data", p->data_json);
    if (p->diff_json)
        script_json(f, "diff-data", p->diff_json);
    fputs("<script>\n", f);
    fputs(ms_report_js, f);
    fputs("</script>\n</body></html>\n", f);
}
