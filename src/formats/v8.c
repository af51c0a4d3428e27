/* v8.c — the V8 / Chrome .heapsnapshot reader: DevTools' semantics over
 * the raw snapshot that v8parse.c reads (field positions and type lists
 * from snapshot.meta; flat nodes and edges arrays). DevTools' own
 * semantics (front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts,
 * see docs/v8-snapshots.md) are then applied while the graph is built:
 *   - class names as DevTools' Summary view: the constructor name for
 *     objects and natives (<div id=..> shortened to <div>), (system) for
 *     hidden, (compiled code), Function for closures, RegExp, (TYPE) else;
 *     natives found detached get the "Detached " prefix;
 *   - only essential edges retain (strong); weak edges, shortcuts not from
 *     the root, self edges, WeakMap table->value ephemerons and edges from
 *     non-page-owned into page-owned nodes are kept as weak references;
 *   - nodes the root cannot reach are attached under the root by edges
 *     named "(orphan)", as DevTools attaches them;
 *   - shallow sizes of owned hidden and array nodes move into their owner
 *     (calculateShallowSizes) unless raw sizes are asked for.
 * The root (snapshot.root_index, else node 0) is the dump's only root. */
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "memscope/reader.h"
#include "memscope/utf8.h"
#include "v8names.h"
#include "v8snap.h"
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Distances as DevTools gives them: from the user roots, else from the
 * root plus this, else none. */
#define SYSTEM_DISTANCE 100000000
#define NO_DISTANCE (-5)

/* ---- DevTools' semantics over the raw arrays ---------------------------- */

typedef struct v8graph {
    v8snap *s;
    ms_strpool *pool;
    uint32_t n, m, root;
    uint32_t *first;     /* [n+1] first edge of each node; becomes the graph's
                          * edge_off (build_graph) */
    uint64_t *essential; /* [m bits] edge e retains (is_essential) */
    uint8_t *dom;        /* [n] DOM_* after propagation */
    uint32_t *tstr;      /* [nstr] string -> interned type name, lazily */
    uint8_t *tsame;      /* [nstr] 1 if the class named by that string keeps it whole
                          * (but for a "Detached " prefix) */
    uint32_t *dname;     /* [nstr] "Detached " + string, lazily (node_label) */
    uint8_t *role;       /* [n] MS_ROLE_* (roles) */
    uint32_t *extra;     /* nodes to attach under the root (unreachable) */
    uint32_t nextra;
    uint64_t *size;      /* [n] shallow sizes (shallow_sizes); the array becomes
                          * the graph's ids (build_node_columns) */
    int32_t *dist;       /* [n] DevTools' distances (distances) */
    uint32_t *plain;     /* plain objects, in node order (plain_names) */
    uint32_t *plain_class; /* their interface names, UINT32_MAX = "Object" */
    uint32_t *plain_name;  /* their names ("{a, b, …, z}") */
    uint32_t *cons;        /* concatenated strings, in node order (cons_names) */
    uint32_t *cons_name;   /* their names: the text they join */
    uint32_t ncons;
    uint32_t nplain;
    bool raw;            /* keep V8's sizes */
} v8graph;

static inline uint32_t N(const v8graph *g, uint32_t i, int f)
{
    return g->s->nodes[(size_t)i * g->s->nf + (uint32_t)f];
}
/* Edge e's type, name_or_index and target node. */
static inline int etype(const v8graph *g, uint32_t e)
{
    return g->s->etype[e];
}
static inline uint32_t ename(const v8graph *g, uint32_t e)
{
    return g->s->ename[e];
}
static inline uint32_t to(const v8graph *g, uint32_t e)
{
    return g->s->eto[e];
}
static inline bool is_essential(const v8graph *g, uint32_t e)
{
    return (g->essential[e / 64] >> (e % 64)) & 1;
}
static inline const char *node_name(const v8graph *g, uint32_t i)
{
    return ms_strpool_get(g->pool, g->s->str[N(g, i, g->s->n_name)]);
}
static inline bool is_type(const v8graph *g, uint32_t i, int t)
{
    return t >= 0 && N(g, i, g->s->n_type) == (uint32_t)t;
}

/* DevTools' "(Document DOM trees)" node, an entry point for page objects. */
static bool dom_trees_root(const v8graph *g, uint32_t i)
{
    return is_type(g, i, g->s->t_synthetic) && (g->s->sflag[N(g, i, g->s->n_name)] & SF_DOM_TREES);
}

/* The name of edge name string nm if it names a WeakMap ephemeron edge
 * (*table then the table's id), else NULL. */
static const char *ephemeron_name(const v8graph *g, uint32_t nm, uint64_t *table)
{
    return v8_ephemeron_table(g->s, nm, table) ? ms_strpool_get(g->pool, g->s->str[nm]) : NULL;
}

/* Page-owned nodes: reachable over non-weak edges from the root's shortcut
 * targets and its element edge to "(Document DOM trees)". */
static uint8_t *page_owned(const v8graph *g)
{
    const v8snap *s = g->s;
    uint8_t *own = ms_calloc(g->n, 1);
    uint32_t *stack = ms_malloc((size_t)g->n * sizeof *stack);
    size_t sp = 0;
    for (uint32_t e = g->first[g->root]; e < g->first[g->root + 1]; e++) {
        int t = etype(g, e);
        uint32_t w = to(g, e);
        if (t == s->et_element) {
            if (!dom_trees_root(g, w))
                continue;
        } else if (t != s->et_shortcut) {
            continue;
        }
        if (!own[w]) {
            own[w] = 1;
            stack[sp++] = w;
        }
    }
    while (sp) {
        uint32_t v = stack[--sp];
        for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
            uint32_t w = to(g, e);
            if (own[w] || etype(g, e) == s->et_weak)
                continue;
            own[w] = 1;
            stack[sp++] = w;
        }
    }
    free(stack);
    return own;
}

static void essential_edges(v8graph *g)
{
    const v8snap *s = g->s;
    uint8_t *own = page_owned(g);
    g->essential = ms_calloc((size_t)g->m / 64 + 1, sizeof *g->essential);
    for (uint32_t v = 0; v < g->n; v++)
        for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
            int t = etype(g, e);
            uint32_t w = to(g, e);
            bool ess = true;
            uint64_t table;
            if (t == s->et_internal && v8_ephemeron_table(s, ename(g, e), &table) &&
                table == N(g, v, s->n_id))
                ess = false;
            else if (t == s->et_weak || w == v)
                ess = false;
            else if (v != g->root && (t == s->et_shortcut || (own[w] && !own[v])))
                ess = false;
            g->essential[e / 64] |= (uint64_t)ess << (e % 64);
        }
    free(own);
}

/* Nodes the root cannot reach over essential edges, in node order:
 * first those with no essential retainer at all (what they reach is
 * attached through them), then every node still unreached (cliques and
 * what hangs from them), each on its own, as DevTools attaches them; the
 * references out of those last ones stop retaining. Returns the count and
 * *out (caller frees). */
static uint32_t unreachable(v8graph *g, uint32_t **out)
{
    uint8_t *seen = ms_calloc(g->n, 1), *retained = ms_calloc(g->n, 1);
    uint32_t *stack = ms_malloc((size_t)g->n * sizeof *stack), *list = NULL;
    uint32_t count = 0;
    size_t cap = 0;
    for (uint32_t e = 0; e < g->m; e++)
        if (is_essential(g, e))
            retained[to(g, e)] = 1;
    for (int pass = 0; pass < 3; pass++)
        for (uint32_t i = 0; i < g->n; i++) {
            uint32_t start;
            if (pass == 0) {
                if (i)
                    break;
                start = g->root;
            } else {
                start = i;
                if (seen[i] || (pass == 1 && retained[i]))
                    continue;
                MS_GROW(list, cap, (size_t)count + 1);
                list[count++] = i;
            }
            if (seen[start])
                continue;
            seen[start] = 1;
            if (pass == 2) {
                /* Cliques: DevTools numbers each node on its own after every
                 * other, so its references never lower anyone's dominator:
                 * each sits under the root, retaining only itself. */
                for (uint32_t e = g->first[start]; e < g->first[start + 1]; e++)
                    g->essential[e / 64] &= ~(UINT64_C(1) << (e % 64));
                continue;
            }
            size_t sp = 0;
            stack[sp++] = start;
            while (sp) {
                uint32_t v = stack[--sp];
                for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
                    uint32_t w = to(g, e);
                    if (is_essential(g, e) && !seen[w]) {
                        seen[w] = 1;
                        stack[sp++] = w;
                    }
                }
            }
        }
    free(seen);
    free(retained);
    free(stack);
    *out = list;
    return count;
}

/* Work lists of dom_state. */
typedef struct dom_lists {
    uint8_t *visited;
    uint32_t *att, *det;
    size_t na, nd;
} dom_lists;

/* DevTools' processNode: the first state a node is given sticks; only
 * native nodes take it, and queue for propagation. */
static void dom_set(v8graph *g, dom_lists *l, uint32_t v, uint8_t st)
{
    if (l->visited[v])
        return;
    l->visited[v] = 1;
    if (!is_type(g, v, g->s->t_native))
        return;
    g->dom[v] = st;
    if (st == DOM_ATTACHED)
        l->att[l->na++] = v;
    else if (st == DOM_DETACHED)
        l->det[l->nd++] = v;
}

/* DevTools' propagateDOMState: native nodes inherit attached, then
 * detached, state over edges that are not hidden, invisible or weak. */
static void dom_state(v8graph *g)
{
    const v8snap *s = g->s;
    g->dom = ms_calloc(g->n, 1);
    if (s->n_detach < 0)
        return;
    dom_lists l = { .visited = ms_calloc(g->n, 1),
                    .att = ms_malloc((size_t)g->n * sizeof *l.att),
                    .det = ms_malloc((size_t)g->n * sizeof *l.det) };
    for (uint32_t i = 0; i < g->n; i++) {
        uint32_t st = N(g, i, s->n_detach) & 3;
        if (st != DOM_UNKNOWN)
            dom_set(g, &l, i, (uint8_t)st);
    }
    for (int phase = 0; phase < 2; phase++) {
        uint32_t *list = phase ? l.det : l.att;
        size_t *len = phase ? &l.nd : &l.na;
        while (*len) {
            uint32_t v = list[--*len];
            if (phase && g->dom[v] == DOM_ATTACHED)
                continue;
            for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
                int t = etype(g, e);
                if (t == s->et_hidden || t == s->et_invisible || t == s->et_weak)
                    continue;
                dom_set(g, &l, to(g, e), phase ? DOM_DETACHED : DOM_ATTACHED);
            }
        }
    }
    free(l.visited);
    free(l.att);
    free(l.det);
}

/* Shallow sizes after DevTools' calculateShallowSizes (64-bit). */
static uint64_t *shallow_sizes(const v8graph *g, bool raw)
{
    const v8snap *s = g->s;
    uint64_t *size = ms_malloc((size_t)g->n * sizeof *size);
    for (uint32_t i = 0; i < g->n; i++)
        size[i] = N(g, i, s->n_size);
    bool user_roots = false;
    for (uint32_t e = g->first[g->root]; e < g->first[g->root + 1] && !user_roots; e++) {
        uint32_t w = to(g, e);
        user_roots = !is_type(g, w, s->t_synthetic) || dom_trees_root(g, w);
    }
    if (raw || !user_roots)
        return size;
    const uint32_t unvisited = UINT32_MAX, multiple = UINT32_MAX - 1;
    uint32_t *owner = ms_malloc((size_t)g->n * sizeof *owner);
    uint32_t *work = ms_malloc((size_t)g->n * 2 * sizeof *work);
    size_t sp = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        if (is_type(g, i, s->t_hidden) || is_type(g, i, s->t_array) ||
            (is_type(g, i, s->t_native) && strcmp(node_name(g, i), "system / ExternalStringData") == 0))
            owner[i] = unvisited;
        else {
            owner[i] = i;
            work[sp++] = i;
        }
    }
    while (sp) {
        uint32_t v = work[--sp], own = owner[v];
        for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
            if (etype(g, e) == s->et_weak)
                continue;
            uint32_t w = to(g, e);
            if (owner[w] == unvisited) {
                owner[w] = own;
                work[sp++] = w;
            } else if (owner[w] != w && owner[w] != own && owner[w] != multiple) {
                owner[w] = multiple;
                work[sp++] = w;
            }
        }
    }
    for (uint32_t i = 0; i < g->n; i++) {
        uint32_t o = owner[i];
        if (o == unvisited || o == multiple || o == i)
            continue;
        if (is_type(g, o, s->t_synthetic) || o == g->root)
            continue;
        size[o] += size[i];
        size[i] = 0;
    }
    free(owner);
    free(work);
    return size;
}

/* The class an object or native node named by string k has, interned:
 * the name, with "<div id=...>" shortened to "<div>", and the "Detached "
 * prefix if detached. Strings are stored as labels (V8's string table has
 * no repeats), so only names used as classes get interned, each once:
 * g->tstr caches the attached class by string. */
static uint32_t named_class(v8graph *g, uint32_t k, bool detached)
{
    if (!detached && g->tstr[k] != UINT32_MAX)
        return g->tstr[k];
    const char *name = ms_strpool_get(g->pool, g->s->str[k]);
    char buf[1100];
    const char *pre = detached ? "Detached " : "";
    const char *sp = name[0] == '<' ? strchr(name, ' ') : NULL;
    uint32_t c;
    g->tsame[k] = !sp;
    if (sp)
        snprintf(buf, sizeof buf, "%s%.*s>", pre, (int)(sp - name), name);
    else if (*pre)
        snprintf(buf, sizeof buf, "%s%s", pre, name);
    else
        buf[0] = '\0';
    if (buf[0])
        c = ms_strpool_intern(g->pool, buf, strlen(buf));
    else
        c = ms_strpool_intern(g->pool, name, ms_strpool_len(g->pool, g->s->str[k]));
    if (!detached)
        g->tstr[k] = c;
    return c;
}

/* DevTools' class name of node i, interned. */
static uint32_t class_name(v8graph *g, uint32_t i, uint32_t *cache)
{
    const v8snap *s = g->s;
    uint32_t t = N(g, i, s->n_type);
    if ((int)t == s->t_object || (int)t == s->t_native)
        return named_class(g, N(g, i, s->n_name), g->dom[i] == DOM_DETACHED);
    if (cache[t] == UINT32_MAX) {
        char buf[300];
        if ((int)t == s->t_hidden)
            snprintf(buf, sizeof buf, "(system)");
        else if ((int)t == s->t_code)
            snprintf(buf, sizeof buf, "(compiled code)");
        else if ((int)t == s->t_closure)
            snprintf(buf, sizeof buf, "Function");
        else if ((int)t == s->t_regexp)
            snprintf(buf, sizeof buf, "RegExp");
        else
            snprintf(buf, sizeof buf, "(%.280s)", s->ntypes[t]);
        cache[t] = ms_strpool_intern(g->pool, buf, strlen(buf));
    }
    return cache[t];
}

/* What each node is to a JavaScript developer (MS_ROLE_*, heap.h):
 * holders are the root, synthetic nodes ("(GC roots)" and the root
 * categories under it, "(Document DOM trees)"), the root's shortcut
 * targets (Node's global), native contexts and the
 * global objects and proxies they name (Window); the engine's own are
 * hidden, array, code and object-shape nodes and "system / ..." natives;
 * natives are the embedder's, DOM nodes those given a DOM state in a
 * snapshot with a document. Needs the DOM states (dom_state). Returns the
 * array (caller frees). */
static uint8_t *roles(const v8graph *g)
{
    const v8snap *s = g->s;
    uint8_t *role = ms_calloc(g->n, 1);
    /* DOM states mean DOM where some node is attached to a document: Node
     * marks some of its own objects detached, and has no DOM. */
    bool doc = false;
    for (uint32_t i = 0; i < g->n && s->n_detach >= 0 && !doc; i++)
        doc = (N(g, i, s->n_detach) & 3) == DOM_ATTACHED;
    for (uint32_t i = 0; i < g->n; i++) {
        int t = (int)N(g, i, s->n_type);
        uint8_t r = 0;
        bool context = false;
        if (t == s->t_hidden || t == s->t_array || t == s->t_code || t == s->t_shape)
            r = MS_ROLE_ENGINE;
        if (t == s->t_hidden || t == s->t_native) {
            uint32_t k = N(g, i, s->n_name);
            context = (s->sflag[k] & SF_CONTEXT) != 0;
            if (t == s->t_native)
                r = MS_ROLE_NATIVE | (strncmp(ms_strpool_get(g->pool, s->str[k]), "system / ", 9) == 0
                                          ? MS_ROLE_ENGINE
                                          : 0);
        }
        if (doc && g->dom[i] != DOM_UNKNOWN)
            r |= MS_ROLE_DOM | (g->dom[i] == DOM_DETACHED ? MS_ROLE_DETACHED : 0);
        if (i == g->root || t == s->t_synthetic || context)
            r |= MS_ROLE_HOLDER;
        role[i] |= r;
        if (i != g->root && !context)
            continue;
        for (uint32_t e = g->first[i]; e < g->first[i + 1]; e++) {
            int et = etype(g, e);
            bool named = et != s->et_element && et != s->et_hidden;
            if ((i == g->root && et == s->et_shortcut) ||
                (context && named && (s->sflag[ename(g, e)] & SF_GLOBAL)))
                role[to(g, e)] |= MS_ROLE_HOLDER;
        }
    }
    return role;
}

/* DevTools' "{a, b}" names of plain objects (objects named "Object"),
 * from the names of their property edges: see v8names.c. */
static void plain_names(v8graph *g)
{
    const v8snap *s = g->s;
    uint32_t *off = NULL, *prop = NULL;
    size_t pcap = 0, ocap = 0, ncap = 0, np = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        if (!is_type(g, i, s->t_object) || !(s->sflag[N(g, i, s->n_name)] & SF_OBJECT))
            continue;
        MS_GROW(g->plain, ncap, (size_t)g->nplain + 1);
        MS_GROW(off, ocap, (size_t)g->nplain + 1);
        off[g->nplain] = (uint32_t)np;
        g->plain[g->nplain++] = i;
        for (uint32_t e = g->first[i]; e < g->first[i + 1]; e++)
            if (etype(g, e) == s->et_property) {
                MS_GROW(prop, pcap, np + 1);
                prop[np++] = ename(g, e);
            }
    }
    MS_GROW(off, ocap, (size_t)g->nplain + 1);
    off[g->nplain] = (uint32_t)np;
    g->plain_class = ms_v8_interface_names(g->pool, s->str, g->nplain, off, prop);
    g->plain_name = ms_v8_plain_names(g->pool, s->str, g->nplain, off, prop);
    free(off);
    free(prop);
}

typedef struct edge_job {
    v8graph *g;
    ms_heap *h;
    ms_builder *b;
    uint32_t maxdeg;   /* the most references a node has */
} edge_job;

/* build_graph's part, in place: node i's references stay where V8's were
 * (edge_off, which is g->first, on), reordered essential first (named)
 * then the others (weak, unnamed); their kinds overwrite V8's edge types
 * (the same array), each read before its place is written. build_graph
 * then makes room for the root's orphans. Element and hidden references
 * are named by index (MS_NAME_INDEX; one past 2^31 - 1 is named that). */
static void edges_in_place(edge_job *j)
{
    v8graph *g = j->g;
    const v8snap *s = g->s;
    ms_heap *h = j->h;
    uint32_t *tmp = ms_malloc(((size_t)j->maxdeg + 1) * sizeof *tmp);
    for (uint32_t i = 0; i < g->n; i++) {
        uint32_t a = h->edge_off[i], out = a, nweak = 0;
        for (uint32_t e = a; e < h->edge_off[i + 1]; e++) {
            uint32_t w = s->eto[e], nm = s->ename[e];
            if (!is_essential(g, e)) {
                tmp[nweak++] = w;
                continue;
            }
            int t = etype(g, e);
            h->edge_to[out] = w; /* out <= e: not yet read, or this edge */
            h->edge_name[out] = t == s->et_element || t == s->et_hidden
                                    ? MS_NAME_INDEX | (nm < MS_NAME_INDEX ? nm : MS_NAME_INDEX - 1)
                                    : s->str[nm];
            h->edge_kind[out++] = MS_EDGE_STRONG;
        }
        for (uint32_t x = 0; x < nweak; x++) {
            h->edge_to[out] = tmp[x];
            h->edge_name[out] = 0;
            h->edge_kind[out++] = MS_EDGE_WEAK;
        }
    }
    free(tmp);
}

static void build_node_columns(v8graph *g, ms_builder *b, ms_heap *h);
static void build_nodes(v8graph *g, ms_builder *b, ms_heap *h);

/* The references and the objects' columns that need no string (one
 * thread), and the rest of the objects (the other, which alone adds to the
 * string pool) side by side. */
static void build_part(void *ctx, int i)
{
    edge_job *j = ctx;
    if (i == 0) {
        edges_in_place(j);
        build_node_columns(j->g, j->b, j->h);
    } else {
        build_nodes(j->g, j->b, j->h);
    }
}

/* Makes room after the root's essential references for its "(orphan)"
 * references to the unreachable nodes: everything after moves up. */
static void insert_orphans(v8graph *g, ms_heap *h, uint32_t orphan)
{
    uint32_t x = g->nextra, r = g->root, end = h->edge_off[r + 1], m = g->m;
    if (!x)
        return;
    memmove(h->edge_to + end + x, h->edge_to + end, (size_t)(m - end) * sizeof *h->edge_to);
    memmove(h->edge_name + end + x, h->edge_name + end,
            (size_t)(m - end) * sizeof *h->edge_name);
    memmove(h->edge_kind + end + x, h->edge_kind + end, (size_t)(m - end));
    for (uint32_t i = r + 1; i < g->n; i++)
        h->edge_off[i] += x;
    uint32_t ess = h->edge_off[r];
    while (ess < end && h->edge_kind[ess] == MS_EDGE_STRONG)
        ess++;
    memmove(h->edge_to + ess + x, h->edge_to + ess, (size_t)(end - ess) * sizeof *h->edge_to);
    memmove(h->edge_name + ess + x, h->edge_name + ess,
            (size_t)(end - ess) * sizeof *h->edge_name);
    memmove(h->edge_kind + ess + x, h->edge_kind + ess, (size_t)(end - ess));
    for (uint32_t k = 0; k < x; k++) {
        h->edge_to[ess + k] = g->extra[k];
        h->edge_name[ess + k] = orphan;
        h->edge_kind[ess + k] = MS_EDGE_STRONG;
    }
}

/* Builds the graph: its references from V8's edges, in their own arrays
 * (the graph takes eto, ename, etype and g->first over), in node order,
 * each node's essential references (named), then the others as weak
 * references, the root also getting the unreachable nodes as "(orphan)"
 * references; and, meanwhile on the other thread, the objects
 * (build_nodes), which read neither V8's edges nor g->first. */
static ms_status build_graph(v8graph *g, v8snap *s, ms_builder *b, ms_error *err)
{
    size_t total = (size_t)g->m + g->nextra;
    uint32_t maxdeg = 0;
    for (uint32_t i = 0; i < g->n; i++)
        if (g->first[i + 1] - g->first[i] > maxdeg)
            maxdeg = g->first[i + 1] - g->first[i];
    ms_direct_edges given = { .off = g->first,
                              .to = ms_realloc_array(s->eto, total + 1, sizeof *s->eto),
                              .name = ms_realloc_array(s->ename, total + 1, sizeof *s->ename),
                              .kind = ms_realloc_array(s->etype, total + 1, 1) };
    s->eto = s->ename = NULL;
    s->etype = NULL;
    g->first = NULL;
    ms_heap *h = ms_builder_direct(b, g->n, total, given, err);
    if (!h)
        return err->status;
    /* edges_in_place reads V8's targets, names and types there */
    s->eto = h->edge_to;
    s->ename = h->edge_name;
    s->etype = h->edge_kind;
    edge_job j = { .g = g, .h = h, .b = b, .maxdeg = maxdeg };
    /* The sizes' array, 8 bytes an object, becomes the ids': one such
     * array less at the load's peak, which is here. */
    ms_builder_direct_nodes(b, g->size);
    g->size = NULL;
    ms_parallel_jobs(2, build_part, &j);
    s->eto = s->ename = NULL; /* the graph's now */
    s->etype = NULL;
    insert_orphans(g, h, ms_strpool_intern(g->pool, "(orphan)", 8));
    h->edge_off[g->n] = (uint32_t)total;
    h->index_names = true;
    return MS_OK;
}

/* The name DevTools gives node i (HeapSnapshotNode.name), as a label: 0
 * when it says no more than the class (objects named after their
 * constructor), V8's empty string where it has none. A detached node's name has the "Detached "
 * prefix, as DevTools renames it (propagateDOMState); g->dname caches those
 * by string. Plain objects and concatenated strings are named by the
 * caller (plain_names, cons_names). */
static uint32_t node_label(v8graph *g, uint32_t i)
{
    const v8snap *s = g->s;
    uint32_t k = N(g, i, s->n_name);
    bool named = is_type(g, i, s->t_object) || is_type(g, i, s->t_native);
    if (named && g->tsame[k])
        return 0;
    if (!named || g->dom[i] != DOM_DETACHED)
        return s->str[k];
    if (!g->dname)
        g->dname = ms_calloc((size_t)s->nstr + 1, sizeof *g->dname);
    if (!g->dname[k]) {
        const char *name = ms_strpool_get(g->pool, s->str[k]);
        size_t n = strlen(name) + 10;
        char *buf = ms_malloc(n);
        snprintf(buf, n, "Detached %s", name);
        g->dname[k] = ms_strpool_label(g->pool, buf, n - 1);
        free(buf);
    }
    return g->dname[k];
}

/* The frame of function info fi, as a JavaScript stack shows it:
 * "NAME (SCRIPT:LINE:COLUMN)", "(anonymous)" for an empty name; interned
 * (cache[fi], 0 = not yet). */
static uint32_t trace_frame(v8graph *g, uint32_t fi, uint32_t *cache)
{
    const v8snap *s = g->s;
    if (cache[fi])
        return cache[fi];
    const uint32_t *f = s->tfi + (size_t)fi * (uint32_t)s->tf;
    uint32_t nm = f[s->f_name], sc = f[s->f_script];
    const char *name = nm < s->nstr ? ms_strpool_get(g->pool, s->str[nm]) : "";
    const char *script = sc < s->nstr ? ms_strpool_get(g->pool, s->str[sc]) : "";
    char buf[2400];
    int n = snprintf(buf, sizeof buf, "%.1100s (%.1100s:%u:%u)", *name ? name : "(anonymous)",
                     script, f[s->f_line], f[s->f_col]);
    return cache[fi] = ms_strpool_intern(g->pool, buf, (size_t)n);
}

/* Allocation sites from the trace tree: a stack per trace node (its
 * function, then its callers' up to the tree's root, left out), and each
 * object's site by its trace_node_id. As DevTools' Allocation view, an
 * object whose trace node recorded no allocation has none. Nothing when the
 * snapshot was taken without tracking, or its trace ids are absurd. */
static void build_sites(v8graph *g, ms_heap *h)
{
    const v8snap *s = g->s;
    if (s->n_trace < 0 || !s->ntrace || !s->tf)
        return;
    uint32_t nfi = (uint32_t)(s->tfi_len / (uint32_t)s->tf), maxid = 0;
    for (uint32_t k = 0; k < s->ntrace; k++)
        maxid = s->tid[k] > maxid ? s->tid[k] : maxid;
    if ((uint64_t)maxid > 4 * (uint64_t)s->ntrace + 1024)
        return;
    uint32_t *byid = ms_malloc(((size_t)maxid + 1) * sizeof *byid);
    memset(byid, 0xff, ((size_t)maxid + 1) * sizeof *byid);
    uint32_t *stack = ms_malloc((size_t)s->ntrace * sizeof *stack);
    uint32_t *cache = ms_calloc((size_t)nfi + 1, sizeof *cache);
    ms_sites *st = &h->sites;
    st->frame = ms_malloc((size_t)s->ntrace * sizeof *st->frame);
    st->parent = ms_malloc((size_t)s->ntrace * sizeof *st->parent);
    for (uint32_t k = 0; k < s->ntrace; k++) {
        byid[s->tid[k]] = k;
        uint32_t p = s->tparent[k];
        if (s->tfn[k] >= nfi) { /* no such function */
            stack[k] = MS_NONE;
            continue;
        }
        /* The root ("(root)") is a stack of its own, for what V8 recorded
         * there, but no caller of the others. */
        stack[k] = st->count;
        st->frame[st->count] = trace_frame(g, s->tfn[k], cache);
        st->parent[st->count++] = p == UINT32_MAX || s->tparent[p] == UINT32_MAX ? MS_NONE
                                                                                 : stack[p];
    }
    h->site = ms_calloc(g->n, sizeof *h->site);
    for (uint32_t i = 0; i < g->n; i++) {
        uint32_t t = N(g, i, s->n_trace);
        uint32_t k = t && t <= maxid ? byid[t] : UINT32_MAX;
        if (k != UINT32_MAX && stack[k] != MS_NONE && s->tcount[k])
            h->site[i] = stack[k] + 1;
    }
    free(byid);
    free(stack);
    free(cache);
}

/* Sorts loc[0..n) by node, keeping the order of equal ones: a least
 * significant digit radix sort, as many passes of 11 bits as node indices
 * below nodes need (a snapshot of 6.7M objects has 1.6M locations in no
 * order: 0.03 s, against qsort's 0.15 s). */
static void sort_locations(ms_location *loc, size_t n, uint32_t nodes)
{
    enum { BITS = 11, BUCKETS = 1 << BITS };
    ms_location *tmp = ms_malloc(n * sizeof *tmp), *src = loc, *dst = tmp;
    for (unsigned shift = 0; shift < 32 && (nodes - 1) >> shift; shift += BITS) {
        size_t at[BUCKETS] = { 0 };
        for (size_t k = 0; k < n; k++)
            at[src[k].node >> shift & (BUCKETS - 1)]++;
        size_t sum = 0;
        for (size_t d = 0; d < BUCKETS; d++) {
            size_t c = at[d];
            at[d] = sum;
            sum += c;
        }
        for (size_t k = 0; k < n; k++)
            dst[at[src[k].node >> shift & (BUCKETS - 1)]++] = src[k];
        ms_location *t = src;
        src = dst;
        dst = t;
    }
    if (src != loc)
        memcpy(loc, src, n * sizeof *loc);
    free(tmp);
}

/* Script ids past this are not kept in a table by id (ids are small). */
#define MAX_SCRIPT_ID (UINT32_C(1) << 20)

/* Where objects were defined, from "locations": script names from the
 * function infos of a tracked snapshot, else "script N"; V8's 0-based line
 * and column made 1-based. Entries naming no node are dropped. */
static void build_locations(v8graph *g, ms_heap *h)
{
    const v8snap *s = g->s;
    size_t n = s->lf ? s->locs_len / (uint32_t)s->lf : 0;
    if (!n)
        return;
    /* script id -> script name, from the function infos */
    uint32_t *names = NULL;
    size_t cap = 0;
    size_t nfi = s->tf && s->f_sid >= 0 ? s->tfi_len / (uint32_t)s->tf : 0;
    for (size_t k = 0; k < nfi; k++) {
        const uint32_t *f = s->tfi + k * (uint32_t)s->tf;
        uint32_t sid = f[s->f_sid], sc = f[s->f_script];
        if (sid > MAX_SCRIPT_ID || sc >= s->nstr || !ms_strpool_len(g->pool, s->str[sc]))
            continue;
        MS_GROW_ZERO(names, cap, (size_t)sid + 1);
        names[sid] = s->str[sc];
    }
    h->loc = ms_malloc(n * sizeof *h->loc);
    for (size_t k = 0; k < n; k++) {
        const uint32_t *l = s->locs + k * (uint32_t)s->lf;
        uint32_t obj = l[s->l_obj], sid = l[s->l_script];
        if (obj % s->nf || obj / s->nf >= g->n)
            continue;
        uint32_t script;
        if (sid < cap && names[sid]) {
            script = names[sid];
        } else {
            /* A script the function infos do not name: "script N", kept
             * for the next location in it (there are a million and more). */
            char buf[32];
            int bn = snprintf(buf, sizeof buf, "script %u", sid);
            script = ms_strpool_intern(g->pool, buf, (size_t)bn);
            if (sid <= MAX_SCRIPT_ID) {
                MS_GROW_ZERO(names, cap, (size_t)sid + 1);
                names[sid] = script;
            }
        }
        h->loc[h->nloc++] = (ms_location){ obj / s->nf, script, l[s->l_line] + 1,
                                           l[s->l_col] + 1 };
    }
    free(names);
    /* The raw ones are read: freed before the sort's buffer is taken. */
    free(g->s->locs);
    g->s->locs = NULL;
    g->s->locs_len = 0;
    /* V8 writes them in node order; sort otherwise. */
    bool sorted = true;
    for (uint32_t k = 1; k < h->nloc && sorted; k++)
        sorted = h->loc[k - 1].node < h->loc[k].node;
    if (!sorted)
        sort_locations(h->loc, h->nloc, g->n);
}

/* The objects' columns that need no string: ids, sizes and flags. The
 * ids take the place of the sizes (h->id is g->size's array). */
static void build_node_columns(v8graph *g, ms_builder *b, ms_heap *h)
{
    const v8snap *s = g->s;
    for (uint32_t i = 0; i < g->n; i++) {
        ms_builder_set_size(b, i, h->id[i]);
        h->id[i] = N(g, i, s->n_id);
        /* Strings show their value, everything else its name. */
        h->flags[i] = is_type(g, i, s->t_string) || is_type(g, i, s->t_cons) ||
                              is_type(g, i, s->t_sliced)
                          ? 0
                          : MS_NODE_LABEL_IS_NAME;
    }
}

/* The rest of the objects of a direct build: classes, names, distances,
 * roles, allocation sites and locations. */
static void build_nodes(v8graph *g, ms_builder *b, ms_heap *h)
{
    const v8snap *s = g->s;
    uint32_t *tcache = ms_malloc((size_t)s->nntypes * sizeof *tcache);
    memset(tcache, 0xff, (size_t)s->nntypes * sizeof *tcache);
    uint32_t next_plain = 0, next_cons = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        h->type[i] = class_name(g, i, tcache);
        if (next_plain < g->nplain && g->plain[next_plain] == i) {
            /* A plain object: its interface, and its own property list as
             * its name where that says more. */
            uint32_t c = g->plain_class[next_plain], nm = g->plain_name[next_plain++];
            if (c != UINT32_MAX)
                h->type[i] = c;
            h->label[i] = nm == h->type[i] ? 0 : nm;
        } else if (next_cons < g->ncons && g->cons[next_cons] == i) {
            h->label[i] = g->cons_name[next_cons++];
        } else {
            h->label[i] = node_label(g, i);
        }
    }
    h->distance = g->dist;
    g->dist = NULL;
    h->role = g->role;
    g->role = NULL;
    h->tracing_gc = true;
    build_sites(g, h);
    build_locations(g, h);
    ms_builder_add_root(b, N(g, g->root, s->n_id));
    free(tcache);
}

/* What cons_names may spend, beyond a little per node: bytes of text kept
 * and parts visited. A hostile snapshot of many long joined strings must
 * not take many times the memory of a real one, nor a cycle of joined
 * strings (which would hang DevTools) the time. */
#define CONS_TEXT_BUDGET (UINT64_C(64) << 20)
#define CONS_STEP_BUDGET (UINT64_C(64) << 20)
#define CONS_PER_NODE 32
#define CONS_STEPS_EACH (1u << 16)

/* DevTools' names of concatenated strings (consStringName): the text of
 * their parts, depth first over the internal edges "first" and "second",
 * until it reaches 1024 UTF-16 units. Stored as labels, in node order, while
 * the budgets last; later ones, and one whose walk takes more than
 * CONS_STEPS_EACH parts (a cycle), keep V8's "(concatenated string)". */
static void cons_names(v8graph *g)
{
    const v8snap *s = g->s;
    if (s->t_cons < 0)
        return;
    uint64_t budget = CONS_TEXT_BUDGET + (uint64_t)g->n * CONS_PER_NODE, used = 0;
    uint64_t steps = CONS_STEP_BUDGET + (uint64_t)g->n * CONS_PER_NODE;
    uint32_t *stack = NULL;
    size_t scap = 0, ccap = 0, ncap = 0;
    char *text = NULL;
    size_t tcap = 0;
    for (uint32_t i = 0; i < g->n && used < budget; i++) {
        if (!is_type(g, i, s->t_cons))
            continue;
        size_t sp = 0, len = 0, units = 0;
        uint32_t each = CONS_STEPS_EACH;
        MS_GROW(stack, scap, 1);
        stack[sp++] = i;
        while (sp && units < 1024 && steps && each) {
            uint32_t v = stack[--sp];
            steps--;
            each--;
            if (!is_type(g, v, s->t_cons)) {
                uint32_t k = s->str[N(g, v, s->n_name)];
                const char *p = ms_strpool_get(g->pool, k);
                size_t n = ms_strpool_len(g->pool, k);
                MS_GROW(text, tcap, len + n + 1);
                memcpy(text + len, p, n);
                len += n;
                units += ms_utf16_units(p, n);
                continue;
            }
            uint32_t first = 0, second = 0; /* missing: node 0, as DevTools has it */
            for (uint32_t e = g->first[v]; e < g->first[v + 1] && (!first || !second); e++) {
                if (etype(g, e) != s->et_internal)
                    continue;
                const char *nm = ms_strpool_get(g->pool, s->str[ename(g, e)]);
                if (strcmp(nm, "first") == 0)
                    first = to(g, e);
                else if (strcmp(nm, "second") == 0)
                    second = to(g, e);
            }
            MS_GROW(stack, scap, sp + 2);
            stack[sp++] = second;
            stack[sp++] = first;
        }
        /* Cut short by a budget (not done, short of 1024 units): a cycle or
         * parts beyond reason, whose V8 name stays. */
        bool cut = sp && units < 1024;
        if (cut && !steps)
            break;
        if (cut)
            continue;
        MS_GROW(g->cons, ccap, (size_t)g->ncons + 1);
        MS_GROW(g->cons_name, ncap, (size_t)g->ncons + 1);
        g->cons[g->ncons] = i;
        g->cons_name[g->ncons++] = ms_strpool_label(g->pool, len ? text : "", len);
        used += len;
    }
    free(stack);
    free(text);
}

/* JavaScript's parseInt(s, 10) as a double (NaN if no digits). */
static double js_parse_int(const char *s)
{
    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    double sign = 1;
    if (*s == '-' || *s == '+')
        sign = *s++ == '-' ? -1 : 1;
    if (*s < '0' || *s > '9')
        return NAN;
    double v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}

/* DevTools' filter for distances (JSHeapSnapshot.calculateDistances): no
 * sloppy_function_map of a NativeContext, only some slots of descriptor
 * arrays, and of the two references to a WeakMap value (table's, key's:
 * the same name but for its leading number) only the second one seen. */
static bool distance_edge(const v8graph *g, uint32_t v, uint32_t e, ms_strpool *pairs,
                          uint8_t **pending, size_t *npending)
{
    const v8snap *s = g->s;
    int t = etype(g, e);
    uint32_t nm = ename(g, e);
    bool named = t != s->et_element && t != s->et_hidden;
    uint32_t vname = N(g, v, s->n_name);
    if (is_type(g, v, s->t_hidden) && named && (s->sflag[nm] & SF_SLOPPY_MAP) &&
        (s->sflag[vname] & SF_NATIVE_CONTEXT))
        return false;
    if (is_type(g, v, s->t_array) && (s->sflag[vname] & SF_DESCRIPTORS)) {
        double i = named ? js_parse_int(ms_strpool_get(g->pool, s->str[nm])) : (double)nm;
        return i < 2 || fmod(i, 3) != 1;
    }
    uint64_t table;
    const char *name;
    if (t == s->et_internal && (name = ephemeron_name(g, nm, &table))) {
        const char *part = name + strspn(name, "0123456789");
        uint32_t k = ms_strpool_intern(pairs, part, strlen(part));
        MS_GROW_ZERO(*pending, *npending, (size_t)k + 1);
        (*pending)[k] ^= 1;
        return (*pending)[k] == 0; /* the first of the pair is skipped */
    }
    return true;
}

/* DevTools' distances: breadth first over non-weak edges, from the user
 * roots (the root's targets but synthetic ones, (Document DOM trees)
 * included) at 1, then from the root at SYSTEM_DISTANCE (0 if there were
 * no user roots) for what is left; NO_DISTANCE for the rest. */
static int32_t *distances(const v8graph *g)
{
    const v8snap *s = g->s;
    int32_t *d = ms_malloc((size_t)g->n * sizeof *d);
    for (uint32_t i = 0; i < g->n; i++)
        d[i] = NO_DISTANCE;
    size_t qcap = (size_t)g->n + (g->first[g->root + 1] - g->first[g->root]);
    uint32_t *q = ms_malloc(qcap * sizeof *q);
    ms_strpool pairs;
    ms_strpool_init(&pairs);
    uint8_t *pending = NULL;
    size_t npending = 0, users = 0;
    for (uint32_t e = g->first[g->root]; e < g->first[g->root + 1]; e++) {
        uint32_t w = to(g, e);
        if (!is_type(g, w, s->t_synthetic) || dom_trees_root(g, w)) {
            d[w] = 1;
            q[users++] = w;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t head = 0, len = users;
        if (pass == 1) {
            d[g->root] = users ? SYSTEM_DISTANCE : 0;
            q[0] = g->root;
            len = 1;
        }
        while (head < len) {
            uint32_t v = q[head++];
            int32_t dv = d[v] + 1;
            for (uint32_t e = g->first[v]; e < g->first[v + 1]; e++) {
                uint32_t w = to(g, e);
                if (etype(g, e) == s->et_weak || d[w] != NO_DISTANCE ||
                    !distance_edge(g, v, e, &pairs, &pending, &npending))
                    continue;
                d[w] = dv;
                q[len++] = w; /* each node once: fits in n */
            }
        }
    }
    free(q);
    free(pending);
    ms_strpool_free(&pairs);
    return d;
}

/* The passes before building, in two independent halves run side by
 * side: essential edges then what they leave unreachable; DOM state (for
 * class names), shallow sizes, distances, roles and the names of plain
 * objects and joined strings. Only the second half adds to the string pool
 * (whose arena may then move): the first reads no string (the reader
 * flagged the ones it needs, SF_DOM_TREES, and parsed the ephemeron names,
 * v8_ephemeron_table). */
static void prepare_task(void *ctx, int i)
{
    v8graph *g = ctx;
    if (i == 0) {
        essential_edges(g);
        g->nextra = unreachable(g, &g->extra);
    } else {
        dom_state(g);
        g->size = shallow_sizes(g, g->raw);
        g->dist = distances(g);
        g->role = roles(g);
        plain_names(g);
        cons_names(g);
    }
}

/* The reader (reader.h): parses, checks, then builds the graph with
 * DevTools' semantics. */
static ms_status read_v8(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                         ms_error *err)
{
    *out = NULL;
    v8snap s;
    memset(&s, 0, sizeof s);
    s.root_index = s.node_count = s.edge_count = -1;
    ms_builder *b = ms_builder_new();
    ms_strpool *pool = ms_builder_strings(b);
    jscan js;
    js_init(&js, in, err);
    ms_status st = MS_OK;
    if (v8_parse_file(&js, &s, pool, in, opts)) {
        st = js_status(&js);
        goto done;
    }
    if (v8_check_arrays(&s, in, err)) {
        st = MS_ERR_INPUT;
        goto done;
    }
    v8graph g = { .s = &s, .pool = pool };
    g.n = (uint32_t)(s.nodes_len / s.nf);
    g.m = (uint32_t)(s.edges_len / s.ef);
    g.root = s.root_index >= 0 ? (uint32_t)((size_t)s.root_index / s.nf) : 0;
    g.first = ms_malloc(((size_t)g.n + 1) * sizeof *g.first);
    g.first[0] = 0;
    for (uint32_t i = 0; i < g.n; i++)
        g.first[i + 1] = g.first[i] + N(&g, i, s.n_edges);
    g.raw = opts && opts->raw_sizes;
    ms_parallel_jobs(2, prepare_task, &g);
    g.tstr = ms_malloc((size_t)s.nstr * sizeof *g.tstr + 1);
    memset(g.tstr, 0xff, (size_t)s.nstr * sizeof *g.tstr);
    g.tsame = ms_calloc((size_t)s.nstr + 1, 1);
    st = build_graph(&g, &s, b, err); /* takes g.first over, even on error */
    free(g.essential);
    free(g.size);
    free(g.extra);
    free(g.dom);
    free(g.tstr);
    free(g.tsame);
    free(g.dname);
    free(g.role);
    free(g.plain);
    free(g.dist);
    free(g.plain_class);
    free(g.plain_name);
    free(g.cons);
    free(g.cons_name);
    if (st == MS_OK && opts && opts->stats)
        opts->stats->threads = ms_parallel_tasks(); /* the arrays' parts, the passes */
    if (st == MS_OK) {
        char meta[200];
        snprintf(meta, sizeof meta, "{\"runtime\": \"V8\", \"format\": \"heapsnapshot\"}");
        ms_builder_set_meta(b, ms_strdup(meta));
        ms_builder_set_header(b);
    }
done:
    js_free(&js);
    v8_snap_free(&s);
    if (st != MS_OK) {
        ms_builder_free(b);
        return st;
    }
    *out = b;
    return MS_OK;
}

/* It frees its raw arrays (about 12 bytes per node and per edge) just
 * before the analyses allocate about as much again: keep_freed. */
const ms_reader ms_reader_v8 = { "v8", v8_sniff, read_v8, v8_where, true, true };
