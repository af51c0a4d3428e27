/* dot.c — writes a diagram (diagram.h) as Graphviz DOT in objgraph's look:
 * boxes filled from white to grey by depth, start objects in red text,
 * roots and modules green, highlighted types blue, red boxes for what
 * too_many left out; plus retained sizes in the labels, weak references
 * dashed, references inside a cycle bold red and garbage dotted. Text goes
 * through ms_dot_text (escape.c): type names cut at 60 characters, names
 * and values at 32, frames at 48, reference names at 24. */
#include "memscope/reports.h"

#include <inttypes.h>
#include <string.h>

static bool highlighted(const ms_dot_style *st, uint32_t type)
{
    for (uint32_t i = 0; i < st->nhighlight; i++)
        if (st->highlight[i] == type)
            return true;
    return false;
}

/* objgraph's _gradient on the value: 1 at depth 0 down to 0.3 at the
 * diagram's depth. */
static double shade(const ms_diagram *d, uint32_t depth)
{
    return d->depth ? 1.0 - 0.7 * (double)depth / (double)d->depth : 1.0;
}

static void write_node(FILE *f, const ms_heap *h, const ms_analysis *a, const ms_diagram *d,
                       const ms_dot_style *st, const ms_dnode *x)
{
    uint32_t v = x->node;
    char sz[32], ret[32];
    fprintf(f, "  o%" PRIu64 " [label=\"", h->id[v]);
    ms_dot_text(f, ms_heap_type_name(h, v), 60);
    const char *label = ms_heap_str(h, h->label[v]);
    if (*label) {
        fputs("\\n", f);
        ms_dot_text(f, label, 32);
    }
    if (st->sites && h->site && h->site[v]) {
        fputs("\\nat ", f);
        ms_dot_text(f, ms_heap_str(h, h->sites.frame[h->site[v] - 1]), 48);
    }
    ms_fmt_bytes(ms_heap_size(h, v), sz, sizeof sz);
    if (a->dom.num[v])
        fprintf(f, "\\n%s · %s retained\"", sz, ms_fmt_bytes(ms_retained(&a->dom, v), ret,
                                                               sizeof ret));
    else
        fprintf(f, "\\n%s · garbage\"", sz);
    double hue = 0, sat = 0, val = shade(d, x->depth);
    if (x->flags & (MS_DNODE_ROOT | MS_DNODE_MODULE)) {
        hue = 0.3;
        sat = 0.45;
    }
    if (highlighted(st, h->type[v])) {
        hue = 0.6;
        sat = 0.6;
        val = 0.5 + val * 0.5;
    }
    fprintf(f, ", fillcolor=\"%g,%g,%g\"", hue, sat, val);
    if (val < 0.5)
        fputs(", fontcolor=white", f);
    else if (x->flags & MS_DNODE_START)
        fputs(", fontcolor=red", f);
    if (!a->dom.num[v])
        fputs(", style=\"filled,dotted\"", f);
    fprintf(f, ", tooltip=\"id %" PRIu64 "\"];\n", h->id[v]);
}

/* The red box for the neighbours too_many left out, and its arrow. */
static void write_more(FILE *f, const ms_heap *h, const ms_diagram *d, const ms_dot_style *st,
                       const ms_dnode *x)
{
    uint64_t id = h->id[x->node];
    char cnt[32], ret[32];
    ms_fmt_count(x->more, cnt, sizeof cnt);
    fprintf(f, "  too_many_o%" PRIu64 " [label=\"", id);
    switch (st->mode) {
    case MS_DIAGRAM_BACKREFS:
        fprintf(f, "%s more referrer%s", cnt, x->more == 1 ? "" : "s");
        break;
    case MS_DIAGRAM_REFS:
        fprintf(f, "%s more reference%s", cnt, x->more == 1 ? "" : "s");
        break;
    default:
        fprintf(f, "%s more dominated\\n%s retained", cnt,
                ms_fmt_bytes(x->more_retained, ret, sizeof ret));
        break;
    }
    fprintf(f, "\", shape=box, height=0.25, color=red, fillcolor=\"0,1,%g\", "
               "fontcolor=white, fontsize=9];\n", shade(d, x->depth + 1));
    if (st->mode == MS_DIAGRAM_BACKREFS)
        fprintf(f, "  too_many_o%" PRIu64 " -> o%" PRIu64, id, id);
    else
        fprintf(f, "  o%" PRIu64 " -> too_many_o%" PRIu64, id, id);
    fputs(" [color=red, style=dotted, len=0.25, weight=10];\n", f);
}

static void write_edge(FILE *f, const ms_heap *h, const ms_analysis *a, const ms_diagram *d,
                       const ms_dedge *x)
{
    uint32_t u = d->nodes[x->from].node, v = d->nodes[x->to].node;
    fprintf(f, "  o%" PRIu64 " -> o%" PRIu64 " [", h->id[u], h->id[v]);
    const char *sep = "";
    if (x->refs) {
        bool named = false;
        uint32_t shown = x->refs < MS_DEDGE_NAMES ? x->refs : MS_DEDGE_NAMES;
        for (uint32_t i = 0; i < shown; i++) {
            char nb[MS_INDEX_NAME_MAX];
            const char *name = ms_heap_edge_name(h, x->edge[i], nb);
            if (!*name)
                continue;
            fputs(named ? ", " : "label=\"", f);
            ms_dot_text(f, name, 24);
            named = true;
        }
        if (named) {
            if (x->refs > shown)
                fprintf(f, " +%" PRIu32, x->refs - shown);
            fputc('"', f);
            sep = ", ";
        }
    }
    const uint8_t strong = 1u << MS_EDGE_STRONG | 1u << MS_EDGE_INTERNAL;
    const uint32_t *of = a->cycles.of;
    if (!x->refs)
        fprintf(f, "%scolor=grey60, arrowhead=empty", sep);
    else if (!(x->kinds & strong))
        fprintf(f, "%sstyle=dashed", sep);
    else if (of && of[u] && of[u] == of[v])
        fprintf(f, "%scolor=red, penwidth=2", sep);
    fputs("];\n", f);
}

void ms_report_dot(FILE *f, const ms_heap *h, const ms_analysis *a, const ms_diagram *d,
                   const ms_dot_style *st)
{
    fputs("digraph memscope {\n", f);
    fputs("  graph [fontname=\"Helvetica\"", f);
    if (st->layout)
        fprintf(f, ", layout=\"%s\"", st->layout);
    if (d->capped) {
        char cnt[32];
        fprintf(f, ", label=\"diagram capped at %" PRIu32 " objects (--max-nodes): %s more "
                   "not drawn\", labelloc=t, fontcolor=red",
                st->max_nodes, ms_fmt_count(d->capped, cnt, sizeof cnt));
    }
    fputs("];\n", f);
    fputs("  node [shape=box, style=filled, fontname=\"Helvetica\", fontsize=10];\n", f);
    fputs("  edge [fontname=\"Helvetica\", fontsize=9];\n", f);
    for (uint32_t i = 0; i < d->nnodes; i++)
        write_node(f, h, a, d, st, &d->nodes[i]);
    for (uint32_t i = 0; i < d->nedges; i++)
        write_edge(f, h, a, d, &d->edges[i]);
    for (uint32_t i = 0; i < d->nnodes; i++)
        if (d->nodes[i].more)
            write_more(f, h, d, st, &d->nodes[i]);
    fputs("}\n", f);
}
