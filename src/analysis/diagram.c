/* diagram.c — picks the objects and arrows of a reference diagram
 * (diagram.h): objgraph's breadth-first walk over referrers or references,
 * the retaining chains, or a slice of the dominator tree. Bounded by
 * max_nodes, never by the heap's shape: no recursion. */
#include "memscope/diagram.h"
#include "memscope/alloc.h"

#include <stdlib.h>
#include <string.h>

#define SKIPPED UINT32_MAX       /* val[]: neighbour seen but not drawn */
#define CAPPED (UINT32_MAX - 1)  /* slot[]: left out because of max_nodes */

typedef struct walk {
    const ms_heap *h;
    const ms_analysis *a;
    const ms_diagram_opts *o;
    ms_diagram *d;
    size_t ncap, ecap;
    uint32_t *slot;   /* [n] 1 + diagram index of each node, 0 for none, or CAPPED:
                       * zero at first, so its pages stay untouched (slot_of) */
    uint32_t *stamp;  /* [n] the expansion (1-based) that last met the node */
    uint32_t *val;    /* [n] its arrow in that expansion, or SKIPPED */
    uint32_t *roots;  /* the roots, sorted */
    uint32_t module;  /* string index of "module", or UINT32_MAX */
} walk;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static bool is_root(const walk *w, uint32_t v)
{
    return w->a->roots.count &&
           bsearch(&v, w->roots, w->a->roots.count, sizeof v, cmp_u32) != NULL;
}

/* Node v's index in the diagram, MS_NONE, or CAPPED. */
static uint32_t slot_of(const walk *w, uint32_t v)
{
    uint32_t s = w->slot[v];
    return s == CAPPED ? CAPPED : s - 1;
}

/* Index of node v in the diagram, adding it at depth if new. Returns
 * MS_NONE (and counts v once as capped) when max_nodes stops it. */
static uint32_t add_node(walk *w, uint32_t v, uint32_t depth, bool start)
{
    ms_diagram *d = w->d;
    uint32_t s = slot_of(w, v);
    if (s != MS_NONE && s != CAPPED)
        return s;
    if (!start && d->nnodes >= w->o->max_nodes) {
        if (s != CAPPED) {
            w->slot[v] = CAPPED;
            d->capped++;
        }
        return MS_NONE;
    }
    MS_GROW(d->nodes, w->ncap, (size_t)d->nnodes + 1);
    ms_dnode *x = &d->nodes[d->nnodes];
    memset(x, 0, sizeof *x);
    x->node = v;
    x->depth = depth;
    x->flags = (uint8_t)((start ? MS_DNODE_START : 0) | (is_root(w, v) ? MS_DNODE_ROOT : 0) |
                         (w->h->type[v] == w->module ? MS_DNODE_MODULE : 0));
    w->slot[v] = d->nnodes + 1;
    return d->nnodes++;
}

static uint32_t add_edge(walk *w, uint32_t from, uint32_t to)
{
    ms_diagram *d = w->d;
    MS_GROW(d->edges, w->ecap, (size_t)d->nedges + 1);
    ms_dedge *x = &d->edges[d->nedges];
    memset(x, 0, sizeof *x);
    x->from = from;
    x->to = to;
    return d->nedges++;
}

static void add_ref(const ms_heap *h, ms_dedge *x, uint32_t e)
{
    if (x->refs < MS_DEDGE_NAMES)
        x->edge[x->refs] = e;
    x->refs++;
    x->kinds |= (uint8_t)(1u << h->edge_kind[e]);
}

/* Adds to arrow x every reference from node `from` to node `to`. */
static void add_refs_between(const ms_heap *h, ms_dedge *x, uint32_t from, uint32_t to)
{
    for (uint32_t e = h->edge_off[from]; e < h->edge_off[from + 1]; e++)
        if (h->edge_to[e] == to)
            add_ref(h, x, e);
}

static bool keep_type(const ms_diagram_opts *o, uint32_t t)
{
    for (uint32_t i = 0; i < o->nignore; i++)
        if (o->ignore[i] == t)
            return false;
    if (!o->nfilter)
        return true;
    for (uint32_t i = 0; i < o->nfilter; i++)
        if (o->filter[i] == t)
            return true;
    return false;
}

/* Diagram node i meets neighbour v for the first time in its expansion:
 * draws it if filters, too_many and max_nodes allow. Returns the arrow
 * between them, or SKIPPED. *drawn counts the neighbours drawn so far. */
static uint32_t meet(walk *w, uint32_t i, uint32_t v, uint32_t *drawn)
{
    const ms_heap *h = w->h;
    ms_diagram *d = w->d;
    if ((w->o->nfilter || w->o->nignore) && !keep_type(w->o, h->type[v]))
        return SKIPPED;
    if (*drawn >= w->o->too_many) {
        d->nodes[i].more++;
        if (w->o->mode == MS_DIAGRAM_DOMINATORS)
            d->nodes[i].more_retained += ms_retained(&w->a->dom, v);
        return SKIPPED;
    }
    uint32_t j = add_node(w, v, d->nodes[i].depth + 1, false);
    if (j == MS_NONE)
        return SKIPPED;
    (*drawn)++;
    return w->o->mode == MS_DIAGRAM_BACKREFS ? add_edge(w, j, i) : add_edge(w, i, j);
}

/* Expansion `cur` of diagram node i meets neighbour v through heap edge e
 * (MS_NONE in the dominator mode): meet() the first time, and every
 * reference between the pair merged into one arrow. */
static void visit(walk *w, uint32_t i, uint32_t v, uint32_t e, uint32_t cur, uint32_t *drawn)
{
    if (w->stamp[v] != cur) {
        w->stamp[v] = cur;
        w->val[v] = meet(w, i, v, drawn);
    }
    if (w->val[v] != SKIPPED && e != MS_NONE)
        add_ref(w->h, &w->d->edges[w->val[v]], e);
}

static bool expandable(const walk *w, const ms_dnode *x)
{
    if (x->depth >= w->o->max_depth)
        return false;
    if (x->flags & MS_DNODE_START)
        return true;
    if (w->o->mode == MS_DIAGRAM_BACKREFS && (x->flags & MS_DNODE_ROOT))
        return false;
    if (w->o->mode != MS_DIAGRAM_DOMINATORS && (x->flags & MS_DNODE_MODULE))
        return false;
    return true;
}

/* objgraph's walk: breadth first from the starts, each expanded node's
 * neighbours in order (referrers in dump order, references in the order the
 * object lists them, dominated objects by retained size). */
static void walk_bfs(walk *w)
{
    const ms_heap *h = w->h;
    ms_diagram *d = w->d;
    const ms_domtree *dt = &w->a->dom;
    /* The graph's referrer lists (an index has them), else the same lists
     * built for this walk. */
    uint32_t *own_off = NULL, *own = NULL;
    if (w->o->mode == MS_DIAGRAM_BACKREFS && !h->in_off)
        ms_heap_reverse(h, true, false, &own_off, &own);
    const uint32_t *rev_off = own ? own_off : h->in_off, *rev = own ? own : h->in_from;
    for (uint32_t q = 0; q < d->nnodes; q++) {
        if (!expandable(w, &d->nodes[q]))
            continue;
        d->nodes[q].flags |= MS_DNODE_EXPANDED;
        uint32_t u = d->nodes[q].node, cur = q + 1, drawn = 0;
        switch (w->o->mode) {
        case MS_DIAGRAM_REFS:
            for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++)
                visit(w, q, h->edge_to[e], e, cur, &drawn);
            break;
        case MS_DIAGRAM_BACKREFS:
            /* A referrer's references to u are next to each other in the
             * list: met once, with all of them on its arrow. No stamps:
             * a node with a million referrers touches only its list. */
            for (uint32_t k = rev_off[u]; k < rev_off[u + 1]; k++) {
                uint32_t v = rev[k], x;
                if (k > rev_off[u] && rev[k - 1] == v)
                    continue;
                if ((x = meet(w, q, v, &drawn)) != SKIPPED)
                    add_refs_between(h, &d->edges[x], v, u);
            }
            break;
        default: {
            uint32_t num = dt->num[u];
            if (!num)
                break;
            for (uint32_t k = dt->kid_off[num]; k < dt->kid_off[num + 1]; k++)
                visit(w, q, dt->vertex[dt->kids[k]], MS_NONE, cur, &drawn);
            /* The references behind each arrow drawn. */
            for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++) {
                uint32_t v = h->edge_to[e];
                if (w->stamp[v] == cur && w->val[v] != SKIPPED)
                    add_ref(h, &d->edges[w->val[v]], e);
            }
            break;
        }
        }
    }
    free(own_off);
    free(own);
}

/* show_chain(find_backref_chain(...)) for every start: the breadth-first
 * retaining path, drawn from the start (depth 0) back to its root. */
static void walk_chains(walk *w, const uint32_t *starts, uint32_t nstarts)
{
    const ms_heap *h = w->h;
    ms_diagram *d = w->d;
    const uint32_t *parent = ms_bfs_parents_shared(h, &w->a->roots, starts, nstarts);
    for (uint32_t i = 0; i < nstarts; i++) {
        uint32_t *path;
        uint32_t len = ms_path_from_parents(parent, starts[i], &path);
        if (!len)
            d->unreachable++;
        /* val[v] = 1 once the arrow from v's parent on its chain is drawn. */
        uint32_t child = starts[i];
        for (uint32_t k = len ? len - 1 : 0; k-- > 0;) {
            uint32_t v = path[k], depth = len - 1 - k, s = slot_of(w, v);
            if (s == CAPPED)
                break;
            uint32_t j = s != MS_NONE ? s : add_node(w, v, depth, false);
            uint32_t c = slot_of(w, child);
            if (j != MS_NONE && c != CAPPED && !w->val[child]) {
                uint32_t x = add_edge(w, j, c);
                add_refs_between(h, &d->edges[x], v, child);
                w->val[child] = 1;
            }
            if (s != MS_NONE) {
                /* Met an earlier chain: the rest is drawn; keep the
                 * smaller depth. */
                if (depth >= d->nodes[s].depth)
                    break;
                d->nodes[s].depth = depth;
            }
            child = v;
        }
        free(path);
    }
    ms_bfs_parents_release(h, parent);
    d->depth = 0;
    for (uint32_t i = 0; i < d->nnodes; i++)
        if (d->nodes[i].depth > d->depth)
            d->depth = d->nodes[i].depth;
}

void ms_diagram_build(const ms_heap *h, ms_analysis *a, const uint32_t *starts,
                      uint32_t nstarts, const ms_diagram_opts *o, ms_diagram *out)
{
    memset(out, 0, sizeof *out);
    walk w = { .h = h, .a = a, .o = o, .d = out };
    /* The walk meets few of the n objects: arrays left to the lazy
     * calloc, pages zero until touched. */
    w.slot = ms_calloc_lazy((size_t)h->n + 1, sizeof *w.slot);
    w.roots = ms_malloc((size_t)a->roots.count * sizeof *w.roots + 1);
    memcpy(w.roots, a->roots.nodes, (size_t)a->roots.count * sizeof *w.roots);
    qsort(w.roots, a->roots.count, sizeof *w.roots, cmp_u32);
    w.module = ms_strpool_find(&h->strings, "module", 6);
    out->depth = o->max_depth;
    for (uint32_t i = 0; i < nstarts; i++)
        add_node(&w, starts[i], 0, true);
    if (o->mode == MS_DIAGRAM_CHAIN) {
        w.val = ms_calloc_lazy((size_t)h->n + 1, sizeof *w.val);
        walk_chains(&w, starts, nstarts);
    } else {
        if (o->mode == MS_DIAGRAM_DOMINATORS) {
            ms_domtree_sort_kids(&a->dom);
            for (uint32_t i = 0; i < nstarts; i++)
                out->unreachable += a->dom.num[starts[i]] == 0;
        }
        w.stamp = ms_calloc_lazy((size_t)h->n + 1, sizeof *w.stamp);
        w.val = ms_calloc_lazy((size_t)h->n + 1, sizeof *w.val);
        walk_bfs(&w);
    }
    free(w.slot);
    free(w.stamp);
    free(w.val);
    free(w.roots);
}

void ms_diagram_free(ms_diagram *d)
{
    free(d->nodes);
    free(d->edges);
    memset(d, 0, sizeof *d);
}

typedef struct by_retained {
    const ms_heap *h;
    const ms_domtree *dt;
} by_retained;

static int cmp_retained(const void *pa, const void *pb, void *ctx)
{
    const by_retained *c = ctx;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    uint64_t ra = ms_retained(c->dt, a), rb = ms_retained(c->dt, b);
    if (ra != rb)
        return ra > rb ? -1 : 1;
    uint64_t sa = ms_heap_size(c->h, a), sb = ms_heap_size(c->h, b);
    if (sa != sb)
        return sa > sb ? -1 : 1;
    return (a > b) - (a < b);
}

uint32_t *ms_nodes_of_type(const ms_heap *h, const ms_domtree *dt, uint32_t type, uint32_t k,
                           uint32_t *count)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < h->n; i++)
        n += h->type[i] == type;
    uint32_t *out = ms_malloc((size_t)n * sizeof *out + 1);
    n = 0;
    for (uint32_t i = 0; i < h->n; i++)
        if (h->type[i] == type)
            out[n++] = i;
    by_retained c = { h, dt };
    qsort_r(out, n, sizeof *out, cmp_retained, &c);
    *count = k && k < n ? k : n;
    return out;
}
