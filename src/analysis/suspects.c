/* suspects.c — leak suspects after Eclipse MAT's leak report: big retainers
 * followed down the dominator tree to where their memory accumulates, and
 * groups of same-type objects that together retain a big share (see
 * analysis.h). */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Per-type sums over one child list, indexed by type string. */
typedef struct groups {
    uint64_t *ret;
    uint32_t *cnt, *best;  /* members, and the member retaining most */
    uint32_t *touched;
    size_t ntouched, cap;
} groups;

static void groups_add(groups *g, const ms_heap *h, const ms_domtree *dt, uint32_t k)
{
    uint32_t ty = h->type[dt->vertex[k]];
    if (g->cnt[ty]++ == 0) {
        MS_GROW(g->touched, g->cap, g->ntouched + 1);
        g->touched[g->ntouched++] = ty;
        g->ret[ty] = 0;
        g->best[ty] = k;
    }
    g->ret[ty] += dt->retained[k];
    if (dt->retained[k] > dt->retained[g->best[ty]])
        g->best[ty] = k;
}

static void groups_reset(groups *g)
{
    for (size_t j = 0; j < g->ntouched; j++)
        g->cnt[g->touched[j]] = 0;
    g->ntouched = 0;
}

static int cmp_suspects(const void *pa, const void *pb)
{
    const ms_suspect *a = pa, *b = pb;
    if (a->retained != b->retained)
        return a->retained < b->retained ? 1 : -1;
    return a->node < b->node ? -1 : a->node > b->node;
}

/* Whether dominator-tree number i is a structural holder (heap.h). */
static bool is_holder(const ms_heap *h, const ms_domtree *dt, uint32_t i)
{
    return i && h->role && (h->role[dt->vertex[i]] & MS_ROLE_HOLDER);
}

/* Whether dominator-tree number i is of the runtime's baseline (heap.h). */
static bool is_baseline(const ms_heap *h, const ms_domtree *dt, uint32_t i)
{
    return i && h->role && (h->role[dt->vertex[i]] & MS_ROLE_BASELINE);
}

/* Whether number i, a child of the virtual root, is judged on its own
 * rather than in a group: a holder, or named by the baseline (heap.h). */
static bool on_its_own(const ms_heap *h, const ms_domtree *dt, uint32_t i)
{
    return i && h->role && (h->role[dt->vertex[i]] & (MS_ROLE_HOLDER | MS_ROLE_NAMED));
}

/* groups_add for each child of number i, but, when skip is set, those
 * marked in dt_mark, the baseline, and holders (under the virtual root:
 * what is judged on its own). The root of a heap without structure has
 * most of the heap as children, each a random read of vertex[] then
 * type[]: they are fetched ahead in two steps. */
static void groups_add_kids(groups *g, const ms_heap *h, const ms_domtree *dt, uint32_t i,
                            const uint8_t *dt_mark, bool skip)
{
    enum { NEAR = 8, FAR = 16 };
    uint32_t a = dt->kid_off[i], b = dt->kid_off[i + 1];
    for (uint32_t k = a; k < b; k++) {
        if (k + FAR < b) {
            __builtin_prefetch(&dt->vertex[dt->kids[k + FAR]]);
            __builtin_prefetch(&h->type[dt->vertex[dt->kids[k + NEAR]]]);
        }
        uint32_t c = dt->kids[k];
        if (!skip || (!dt_mark[c] && !is_baseline(h, dt, c) && !(i == 0 ? on_its_own(h, dt, c)
                                                                          : is_holder(h, dt, c))))
            groups_add(g, h, dt, c);
    }
}

/* Where an accumulation point at number i is reported: i itself, or when
 * i is the engine's own bookkeeping (a Map's table, an Array's elements),
 * its nearest dominator that is not, unless that is a holder. */
static uint32_t reported_at(const ms_heap *h, const ms_domtree *dt, uint32_t i)
{
    uint32_t a = i;
    while (a && h->role && (h->role[dt->vertex[a]] & MS_ROLE_ENGINE) && !is_holder(h, dt, a))
        a = dt->idom[a];
    return a && !is_holder(h, dt, a) ? a : i;
}

/* Whether number i refers to its child c by a name a developer wrote (a
 * variable of a closure's context, a property, an attribute: what names a
 * distinct holder, not an entry of a collection; ms_edge_is_name). */
static bool named_child(const ms_heap *h, const ms_domtree *dt, uint32_t i, uint32_t c)
{
    uint32_t v = dt->vertex[i], w = dt->vertex[c];
    uint32_t up = dt->idom[i] ? ms_edge_between(h, dt->vertex[dt->idom[i]], v) : MS_NONE;
    for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
        if (h->edge_to[e] == w && ms_edge_names_target(h, e))
            return ms_edge_is_name(h, e, v, up);
    return false;
}

/* Whether child c of i (retaining >= T) is followed down on its own: under
 * a holder always; elsewhere if it is named (named_child), the only child
 * of its type, or stands out among them (at least twice the mean of its
 * same-type siblings, itself left out). */
static bool followed(const ms_heap *h, const ms_domtree *dt, const groups *g, uint32_t i,
                     uint32_t c)
{
    if (is_holder(h, dt, i) || is_holder(h, dt, c) || (i == 0 && on_its_own(h, dt, c)))
        return true;
    if (i && h->role && named_child(h, dt, i, c))
        return true;
    uint32_t ty = h->type[dt->vertex[c]];
    return g->cnt[ty] == 1 || (unsigned __int128)dt->retained[c] * (g->cnt[ty] - 1) >=
                                  (unsigned __int128)2 * (g->ret[ty] - dt->retained[c]);
}

/* The largest same-type group in g (count >= 2) as s's "holds". */
static void set_holds(const groups *g, ms_suspect *s)
{
    for (size_t j = 0; j < g->ntouched; j++) {
        uint32_t ty = g->touched[j];
        if (g->cnt[ty] >= 2 &&
            (g->ret[ty] > s->holds_retained ||
             (g->ret[ty] == s->holds_retained && g->cnt[ty] > s->holds_count))) {
            s->holds_type = ty;
            s->holds_count = g->cnt[ty];
            s->holds_retained = g->ret[ty];
        }
    }
}

/* Whether the memory that number i gathers beyond its children followed
 * down (rest) is mostly in baseline children: a registry of classes or
 * functions, the import system's caches. */
static bool holds_baseline(const ms_heap *h, const ms_domtree *dt, const uint8_t *dt_mark,
                           uint32_t i, uint64_t rest)
{
    if (!h->role)
        return false;
    uint64_t base = 0;
    for (uint32_t k = dt->kid_off[i]; k < dt->kid_off[i + 1]; k++) {
        uint32_t c = dt->kids[k];
        if (!dt_mark[c] && is_baseline(h, dt, c))
            base += dt->retained[c];
    }
    return 2 * base >= rest;
}

/* The search at T bytes: the suspects in no order; *count gets how many
 * (caller frees). */
static ms_suspect *search(const ms_heap *h, const ms_domtree *dt, uint64_t T, size_t *count)
{
    /* By type string, though only the types' few are used: the pages of
     * the others are never written, so never take memory (a V8 pool has
     * millions of strings). Likewise the few marks. */
    size_t ns = (size_t)h->strings.count + 1;
    groups g = { .ret = ms_malloc(ns * sizeof *g.ret), .cnt = ms_calloc_lazy(ns, sizeof *g.cnt),
                 .best = ms_malloc(ns * sizeof *g.best) };
    ms_suspect *out = NULL;
    size_t ocap = 0, nout = 0;
    /* 1: followed down on its own; 2: reported */
    uint8_t *dt_mark = ms_calloc_lazy((size_t)dt->count + 1, 1);
    uint32_t *stack = NULL;
    size_t scap = 0, sp = 0;
    MS_GROW(stack, scap, 1);
    stack[sp++] = 0;
    while (sp) {
        uint32_t i = stack[--sp];
        bool holder = i == 0 || is_holder(h, dt, i);
        groups_add_kids(&g, h, dt, i, dt_mark, false);
        uint64_t big = 0;
        for (uint32_t k = dt->kid_off[i]; k < dt->kid_off[i + 1]; k++) {
            uint32_t c = dt->kids[k];
            if (dt->retained[c] >= T && followed(h, dt, &g, i, c)) {
                big += dt->retained[c];
                MS_GROW(stack, scap, sp + 1);
                stack[sp++] = c;
                dt_mark[c] = 1;
            }
        }
        /* The same groups without the children followed down, nor holders
         * (never suspects). Groups form only under the virtual root: under
         * a runtime's holders (a global object, the GC root categories)
         * they would be its own builtins. */
        groups_reset(&g);
        groups_add_kids(&g, h, dt, i, dt_mark, true);
        if (i == 0) {
            for (size_t j = 0; j < g.ntouched; j++) {
                uint32_t ty = g.touched[j];
                if (g.cnt[ty] < 2 || g.ret[ty] < T)
                    continue;
                MS_GROW(out, ocap, nout + 1);
                out[nout++] = (ms_suspect){ .group = true, .node = dt->vertex[g.best[ty]],
                                            .type = ty, .retained = g.ret[ty],
                                            .count = g.cnt[ty] };
            }
        } else if (!holder && !is_baseline(h, dt, i) && dt->retained[i] - big >= T &&
                   !holds_baseline(h, dt, dt_mark, i, dt->retained[i] - big)) {
            /* An owner may be reported twice (for itself, then for its
             * store, below it): once, with the larger of the two holds. */
            uint32_t a = reported_at(h, dt, i), v = dt->vertex[a];
            size_t k = 0;
            while (dt_mark[a] == 2 && out[k].node != v)
                k++;
            if (dt_mark[a] != 2) {
                dt_mark[a] = 2;
                MS_GROW(out, ocap, nout + 1);
                k = nout++;
                out[k] = (ms_suspect){ .node = v, .type = h->type[v],
                                       .retained = dt->retained[a], .count = 1 };
            }
            set_holds(&g, &out[k]);
        }
        groups_reset(&g);
    }
    free(stack);
    free(dt_mark);
    free(g.ret);
    free(g.cnt);
    free(g.best);
    free(g.touched);
    *count = nout;
    return out;
}

/* Whether low (found at a lower threshold) says what one of s[0..n) says:
 * the same object, or a group of the same type. */
static bool known(const ms_suspect *s, size_t n, const ms_suspect *low)
{
    for (size_t k = 0; k < n; k++)
        if (s[k].node == low->node || (s[k].group && low->group && s[k].type == low->type))
            return true;
    return false;
}

ms_suspect *ms_suspects_find(const ms_heap *h, const ms_domtree *dt, double threshold,
                             uint32_t *count)
{
    *count = 0;
    uint64_t total = dt->retained[0];
    if (!total)
        return NULL;
    uint64_t T = (uint64_t)ceil((double)total * threshold / 100.0);
    if (T < 1)
        T = 1;
    size_t nout;
    ms_suspect *out = search(h, dt, T, &nout);
    if (nout > 1)
        qsort(out, nout, sizeof *out, cmp_suspects);
    if (nout < MS_SUSPECTS_MIN && T > 1) {
        size_t nlow;
        ms_suspect *low = search(h, dt, T / 10 ? T / 10 : 1, &nlow);
        if (nlow > 1)
            qsort(low, nlow, sizeof *low, cmp_suspects);
        out = ms_realloc_array(out, MS_SUSPECTS_MIN, sizeof *out);
        for (size_t k = 0; k < nlow && nout < MS_SUSPECTS_MIN; k++) {
            if (low[k].retained >= T || known(out, nout, &low[k]))
                continue;
            out[nout] = low[k];
            out[nout++].below = true;
        }
        free(low);
    }
    *count = (uint32_t)nout;
    return out;
}

void ms_suspects_sites(const ms_heap *h, const ms_domtree *dt, ms_suspect *s, uint32_t n)
{
    if (!h->site)
        return;
    uint32_t *count = ms_calloc((size_t)h->strings.count + 1, sizeof *count);
    uint32_t *touched = NULL, *stack = NULL;
    size_t tcap = 0, scap = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (s[k].group || !s[k].holds_count)
            continue;
        size_t nt = 0, sp = 0;
        uint32_t best = 0, typed = 0;
        MS_GROW(stack, scap, 1);
        stack[sp++] = dt->num[s[k].node];
        while (sp) {
            uint32_t i = stack[--sp];
            for (uint32_t c = dt->kid_off[i]; c < dt->kid_off[i + 1]; c++) {
                MS_GROW(stack, scap, sp + 1);
                stack[sp++] = dt->kids[c];
            }
            uint32_t v = dt->vertex[i];
            if (h->type[v] != s[k].holds_type)
                continue;
            typed++;
            if (!h->site[v])
                continue;
            uint32_t f = h->sites.frame[h->site[v] - 1];
            if (count[f]++ == 0) {
                MS_GROW(touched, tcap, nt + 1);
                touched[nt++] = f;
            }
            if (count[f] > count[best] || (count[f] == count[best] && f < best))
                best = f;
        }
        s[k].holds_site = best;
        s[k].holds_site_count = best ? count[best] : 0;
        s[k].holds_typed = typed;
        for (size_t x = 0; x < nt; x++)
            count[touched[x]] = 0;
    }
    free(count);
    free(touched);
    free(stack);
}

void ms_suspects_describe(const ms_heap *h, const ms_domtree *dt, ms_suspect *s, uint32_t n)
{
    if (!n)
        return;
    ms_parts t;
    ms_parts_init(&t, h);
    for (uint32_t k = 0; k < n; k++) {
        ms_parts_add_subtree(&t, h, dt, dt->num[s[k].node]);
        s[k].nparts = ms_parts_take(&t, s[k].parts);
    }
    ms_parts_free(&t);
}

void ms_suspects_name(const ms_heap *h, const uint32_t *parent, ms_suspect *s, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        s[k].name = parent ? ms_path_name(h, parent, s[k].node, 4) : 0;
}
