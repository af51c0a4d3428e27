/* leaks.c — the leaks of three dumps (memscope diff BEFORE AFTER FINAL):
 * which objects leaked, how they cluster into one leak each, and which
 * clusters are churn rather than leaks.
 *
 * After memlab's find-leaks: an object leaked if it is new in AFTER (not
 * in BEFORE) and still in FINAL. Leaked objects another leaked object
 * dominates are folded into it; the rest, the leak roots, are clustered.
 * On a real service that alone lists hundreds of clusters for one leak:
 * every cache, ring and pool of the program and its libraries took in new
 * objects between the dumps, and so did the runtime (compiled code, object
 * shapes, the regex cache). Three rules make one leak one cluster and keep
 * churn out (docs/leak-findings.md says why each is safe):
 *
 * 1. Retained the same way: leak roots whose paths from a root have the
 *    same types and names (element indices and dict keys alike) cluster
 *    together, so the 600 entries of one dict are one cluster.
 * 2. One holder, one cluster: clusters are merged when their leak roots
 *    have the same holder (the nearest object above them in the dominator
 *    tree that is older than AFTER, looking through the engine's own
 *    stores): a cache's keys and its values. And when a leaked object of
 *    one refers to a leak root of another: the listeners and the sessions
 *    their bound methods hold. Not when the holder is a structural holder
 *    (a module's namespace, a global object): two globals are two leaks.
 * 3. Churn is not a leak. A cluster is left out (listed with --all-leaks)
 *    when it is the runtime's own (its leak roots or its holder are the
 *    runtime's baseline: code, shapes, its caches), or when its holder is
 *    bounded: the dump says so (a deque's maxlen, an lru_cache's maxsize:
 *    "bound", memscope-format(5)), or between AFTER and FINAL the holder
 *    dropped more of the objects it had taken in since BEFORE than it
 *    kept, as an LRU cache at its maximum or a ring at its length does. A
 *    leak keeps what it took.
 *    Clusters under 1% of the largest one left are minor and left out too:
 *    the lazily filled tables of a library, a few bytes each.
 */
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/baseline.h"

#include <stdlib.h>
#include <string.h>

/* Shown clusters first, then by retained size, count and example. */
static int cmp_clusters(const void *pa, const void *pb)
{
    const ms_leak_cluster *x = pa, *y = pb;
    if ((x->churn != MS_CHURN_NONE) != (y->churn != MS_CHURN_NONE))
        return x->churn != MS_CHURN_NONE ? 1 : -1;
    if (x->retained != y->retained)
        return x->retained < y->retained ? 1 : -1;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The cluster key of leak root v: its path's signature. */
static uint32_t cluster_key(const ms_heap *h, const uint32_t *parent, const uint32_t *edge_in,
                            uint32_t v, ms_strpool *keys, char **sig, size_t *cap)
{
    size_t n = ms_path_signature(h, parent, edge_in, v, false, sig, cap);
    return ms_strpool_intern(keys, n ? *sig : "", n);
}

static bool has_role(const ms_heap *h, uint32_t v, uint8_t bits)
{
    return h->role && (h->role[v] & bits);
}

/* Union-find over clusters, with path halving. */
static uint32_t uf_find(uint32_t *up, uint32_t x)
{
    while (up[x] != x) {
        up[x] = up[up[x]];
        x = up[x];
    }
    return x;
}

static void uf_union(uint32_t *up, uint32_t a, uint32_t b)
{
    a = uf_find(up, a);
    b = uf_find(up, b);
    if (a != b)
        up[a < b ? b : a] = a < b ? a : b;
}

/* The holder of leak root number i in FINAL's tree: the nearest dominator
 * that AFTER had and that is not the engine's own store; 0 for the
 * virtual root. */
static uint32_t holder_of(const ms_heap *h, const ms_domtree *dt, const uint32_t *in_after,
                          uint32_t i)
{
    uint32_t a = dt->idom[i];
    while (a && (in_after[dt->vertex[a]] == MS_NONE ||
                 has_role(h, dt->vertex[a], MS_ROLE_ENGINE)))
        a = dt->idom[a];
    return a;
}

/* AFTER's turnover at number x of AFTER's tree: of the objects new in
 * AFTER whose nearest old dominator (looking through new objects and the
 * engine's stores) is x, how many FINAL kept and how many it dropped. One
 * pass in number order (a dominator's number is below its objects'). */
static void turnover(const ms_leak_input *in, const uint8_t *alive, uint32_t **kept_out,
                     uint32_t **dropped_out)
{
    const ms_heap *h = in->after->h;
    const ms_domtree *dt = in->after->dom;
    uint32_t *anchor = ms_malloc(((size_t)dt->count + 1) * sizeof *anchor);
    uint32_t *kept = ms_calloc((size_t)dt->count + 1, sizeof *kept);
    uint32_t *dropped = ms_calloc((size_t)dt->count + 1, sizeof *dropped);
    anchor[0] = 0;
    for (uint32_t i = 1; i <= dt->count; i++) {
        uint32_t v = dt->vertex[i];
        bool fresh = in->after_old[v] == MS_NONE;
        anchor[i] = fresh || has_role(h, v, MS_ROLE_ENGINE) ? anchor[dt->idom[i]] : i;
        if (fresh && anchor[i]) {
            if (alive[v])
                kept[anchor[i]]++;
            else
                dropped[anchor[i]]++;
        }
    }
    free(anchor);
    *kept_out = kept;
    *dropped_out = dropped;
}

/* Leak roots of FINAL (leaked objects no other leaked object dominates),
 * in number order; top[i] gets, for each number, the leak root at or above
 * it (0 if none), and below[i] of a leak root the leaked objects it holds
 * (itself included). */
static uint32_t *leak_roots(const ms_domtree *dt, const uint8_t *leaked, uint32_t *ntops,
                            uint32_t **top_out, uint32_t **below_out)
{
    uint32_t *top = ms_calloc((size_t)dt->count + 1, sizeof *top);
    uint32_t *below = ms_calloc((size_t)dt->count + 1, sizeof *below);
    uint32_t *tops = NULL;
    size_t tcap = 0;
    *ntops = 0;
    for (uint32_t i = 1; i <= dt->count; i++) {
        uint32_t v = dt->vertex[i];
        top[i] = top[dt->idom[i]];
        if (leaked[v] && !top[i]) {
            top[i] = i;
            MS_GROW(tops, tcap, (size_t)*ntops + 1);
            tops[(*ntops)++] = v;
        }
        below[top[i]] += leaked[v];
    }
    *top_out = top;
    *below_out = below;
    return tops;
}

/* Rule 2: merges clusters (their[] per leak root) in up[] that share a
 * holder, and clusters whose leaked objects refer to another's leak root. */
static void merge(const ms_heap *h, const ms_domtree *dt, const uint8_t *leaked,
                  const uint32_t *top, const uint32_t *holder, const uint32_t *tops,
                  const uint32_t *their, uint32_t ntops, uint32_t *up)
{
    uint32_t *by_holder = ms_malloc(((size_t)dt->count + 1) * sizeof *by_holder);
    uint32_t *root_index = ms_malloc(((size_t)dt->count + 1) * sizeof *root_index);
    memset(root_index, 0xff, ((size_t)dt->count + 1) * sizeof *root_index);
    for (uint32_t k = 0; k < ntops; k++) {
        root_index[dt->num[tops[k]]] = k;
        by_holder[holder[k]] = MS_NONE;
    }
    for (uint32_t k = 0; k < ntops; k++) {
        uint32_t a = holder[k];
        if (!a || has_role(h, dt->vertex[a], MS_ROLE_HOLDER))
            continue;
        if (by_holder[a] == MS_NONE)
            by_holder[a] = their[k];
        else
            uf_union(up, by_holder[a], their[k]);
    }
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t i = dt->num[v];
        if (!i || !leaked[v])
            continue;
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
            uint32_t w = dt->num[h->edge_to[e]];
            if (w && root_index[w] != MS_NONE && top[i] != w && h->edge_kind[e] != MS_EDGE_WEAK)
                uf_union(up, their[root_index[top[i]]], their[root_index[w]]);
        }
    }
    free(by_holder);
    free(root_index);
}

/* Rule 3: what kind of churn, if any, a cluster with leak roots tops[k]
 * for k in ks (nks of them) and holder number a of FINAL's tree is. */
static ms_churn churn_of(const ms_leak_input *in, const uint32_t *tops, const uint32_t *ks,
                         uint32_t nks, uint32_t a, const uint32_t *kept, const uint32_t *dropped)
{
    const ms_heap *h = in->final->h;
    const ms_domtree *dt = in->final->dom;
    bool runtime = nks > 0;
    for (uint32_t j = 0; j < nks && runtime; j++)
        runtime = has_role(h, tops[ks[j]], MS_ROLE_BASELINE);
    uint32_t hv = a ? dt->vertex[a] : MS_NONE;
    if (runtime || (hv != MS_NONE && has_role(h, hv, MS_ROLE_BASELINE) &&
                    !has_role(h, hv, MS_ROLE_HOLDER)))
        return MS_CHURN_RUNTIME;
    if (hv != MS_NONE && (h->flags[hv] & MS_NODE_BOUNDED))
        return MS_CHURN_BOUNDED;
    if (hv != MS_NONE && !has_role(h, hv, MS_ROLE_HOLDER)) {
        uint32_t x = in->after->dom->num[in->final_in_after[hv]];
        if (x && dropped[x] > kept[x])
            return MS_CHURN_BOUNDED;
    }
    return MS_CHURN_NONE;
}

static void clusters_build(ms_diff *d, const ms_leak_input *in, const uint32_t *tops,
                           uint32_t ntops, const uint32_t *their, const uint32_t *holder,
                           uint32_t *up, uint32_t nkeys, const uint8_t *alive,
                           const uint32_t *below);

void ms_diff_leaks_find(ms_diff *d, const ms_leak_input *in)
{
    const ms_heap *h = in->final->h;
    const ms_domtree *dt = in->final->dom;
    uint8_t *leaked = ms_calloc((size_t)h->n + 1, 1);
    uint8_t *alive = ms_calloc((size_t)in->after->h->n + 1, 1);
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t a = in->final_in_after[v];
        if (a != MS_NONE) {
            alive[a] = 1;
            leaked[v] = in->after_old[a] == MS_NONE;
        }
    }
    uint32_t ntops, *top, *below;
    uint32_t *tops = leak_roots(dt, leaked, &ntops, &top, &below);
    if (!ntops) {
        free(top);
        free(below);
        free(leaked);
        free(alive);
        return;
    }
    d->leak_parent = ms_bfs_parents(h, in->roots, tops, ntops);
    /* Rule 1: a cluster per path key. */
    ms_strpool keys;
    ms_strpool_init(&keys);
    char *sig = NULL;
    size_t scap = 0, ofcap = 0;
    uint32_t *of = NULL, nkeys = 0; /* key -> first cluster + 1 */
    uint32_t *their = ms_malloc((size_t)ntops * sizeof *their);
    uint32_t *holder = ms_malloc((size_t)ntops * sizeof *holder);
    uint32_t *edge_in = ms_parent_edges(h, d->leak_parent);
    for (uint32_t k = 0; k < ntops; k++) {
        uint32_t key = cluster_key(h, d->leak_parent, edge_in, tops[k], &keys, &sig, &scap);
        MS_GROW_ZERO(of, ofcap, (size_t)key + 1);
        if (!of[key])
            of[key] = ++nkeys;
        their[k] = of[key] - 1;
        holder[k] = holder_of(h, dt, in->final_in_after, dt->num[tops[k]]);
    }
    free(edge_in);
    free(of);
    free(sig);
    ms_strpool_free(&keys);
    uint32_t *up = ms_malloc(((size_t)nkeys + 1) * sizeof *up);
    for (uint32_t c = 0; c < nkeys; c++)
        up[c] = c;
    merge(h, dt, leaked, top, holder, tops, their, ntops, up);
    free(top);
    free(leaked);
    clusters_build(d, in, tops, ntops, their, holder, up, nkeys, alive, below);
    free(below);
    free(alive);
    free(up);
    free(their);
    free(holder);
    free(tops);
}

/* Rule 3's last part: clusters under 1% of the largest leak are minor. */
static void mark_minor(ms_leak_cluster *cl, uint32_t n)
{
    uint64_t largest = 0;
    for (uint32_t c = 0; c < n; c++)
        if (!cl[c].churn && cl[c].retained > largest)
            largest = cl[c].retained;
    for (uint32_t c = 0; c < n; c++)
        if (!cl[c].churn && cl[c].retained * 100 < largest)
            cl[c].churn = MS_CHURN_MINOR;
}

/* Takes the n clusters cl into d: the leaks' and the churn's totals, the
 * churn dropped unless all, sorted (the leaks first). */
static void keep_shown(ms_diff *d, ms_leak_cluster *cl, uint32_t n, bool all)
{
    uint32_t keep = 0;
    for (uint32_t c = 0; c < n; c++) {
        if (cl[c].churn != MS_CHURN_NONE) {
            d->churn_clusters++;
            d->churn_objects += cl[c].objects;
            d->churn_retained += cl[c].retained;
            if (!all)
                continue;
        } else {
            d->leaked_objects += cl[c].objects;
            d->leaked_retained += cl[c].retained;
        }
        cl[keep++] = cl[c];
    }
    d->clusters = cl;
    d->nclusters = keep;
    qsort(d->clusters, d->nclusters, sizeof *d->clusters, cmp_clusters);
}

/* Builds d->clusters from the merged clusters: members grouped, sizes,
 * holder, churn; drops churn unless in->all; sorts. */
static void clusters_build(ms_diff *d, const ms_leak_input *in, const uint32_t *tops,
                           uint32_t ntops, const uint32_t *their, const uint32_t *holder,
                           uint32_t *up, uint32_t nkeys, const uint8_t *alive,
                           const uint32_t *below)
{
    const ms_domtree *dt = in->final->dom;
    uint32_t *kept, *dropped;
    turnover(in, alive, &kept, &dropped);
    /* Cluster numbers 0..n in order of first leak root; members by cluster. */
    uint32_t *cid = ms_malloc(((size_t)nkeys + 1) * sizeof *cid);
    memset(cid, 0xff, ((size_t)nkeys + 1) * sizeof *cid);
    uint32_t n = 0;
    uint32_t *member = ms_malloc((size_t)ntops * sizeof *member);
    for (uint32_t k = 0; k < ntops; k++) {
        uint32_t r = uf_find(up, their[k]);
        if (cid[r] == MS_NONE)
            cid[r] = n++;
        member[k] = cid[r];
    }
    free(cid);
    ms_leak_cluster *cl = ms_calloc((size_t)n + 1, sizeof *cl);
    uint32_t *off = ms_calloc((size_t)n + 1, sizeof *off);
    for (uint32_t k = 0; k < ntops; k++) {
        ms_leak_cluster *c = &cl[member[k]];
        uint64_t r = dt->retained[dt->num[tops[k]]];
        if (!c->count || r > ms_retained(dt, c->first)) {
            c->first = tops[k];
            c->holder_num = holder[k];
        }
        c->count++;
        c->retained += r;
        c->objects += below[dt->num[tops[k]]];
        off[member[k] + 1]++;
    }
    for (uint32_t c = 0; c < n; c++) {
        off[c + 1] += off[c];
        cl[c].members = off[c];
    }
    uint32_t *ks = ms_malloc((size_t)ntops * sizeof *ks);
    uint32_t *fill = ms_malloc(((size_t)n + 1) * sizeof *fill);
    memcpy(fill, off, ((size_t)n + 1) * sizeof *fill);
    for (uint32_t k = 0; k < ntops; k++)
        ks[fill[member[k]]++] = k;
    free(fill);
    d->members = ms_malloc((size_t)ntops * sizeof *d->members);
    for (uint32_t c = 0; c < n; c++) {
        ms_leak_cluster *x = &cl[c];
        x->type = in->final->h->type[x->first];
        x->holder = x->holder_num ? dt->vertex[x->holder_num] : MS_NONE;
        x->churn = churn_of(in, tops, ks + off[c], x->count, x->holder_num, kept, dropped);
        for (uint32_t j = 0; j < x->count; j++)
            d->members[off[c] + j] = tops[ks[off[c] + j]];
    }
    free(ks);
    free(off);
    free(member);
    free(kept);
    free(dropped);
    mark_minor(cl, n);
    keep_shown(d, cl, n, in->all);
}

/* Per-type tallies of what members hold (holds_of), by type string. */
typedef struct held {
    uint32_t *count;
    uint64_t *retained;
    uint32_t *touched, *stack;
    size_t ntouched, cap, scap;
} held;

/* V8's closure contexts ("system / Context") hold what a closure closes
 * over: what a cluster of closures holds is below them. */
static bool see_through(const ms_heap *h, uint32_t v)
{
    return strncmp(ms_heap_type_name(h, v), "system / ", 9) == 0;
}

/* Adds to t the objects right below number top (through the engine's own
 * objects), but those of top's own type. */
static void held_add(held *t, const ms_heap *h, const ms_domtree *dt, uint32_t top)
{
    size_t sp = 0;
    uint32_t own = h->type[dt->vertex[top]];
    MS_GROW(t->stack, t->scap, 1);
    t->stack[sp++] = top;
    while (sp) {
        uint32_t i = t->stack[--sp];
        for (uint32_t k = dt->kid_off[i]; k < dt->kid_off[i + 1]; k++) {
            uint32_t c = dt->kids[k], v = dt->vertex[c], ty = h->type[v];
            if (has_role(h, v, MS_ROLE_ENGINE) || see_through(h, v)) {
                MS_GROW(t->stack, t->scap, sp + 1);
                t->stack[sp++] = c;
                continue;
            }
            if (ty == own)
                continue;
            if (t->count[ty]++ == 0) {
                MS_GROW(t->touched, t->cap, t->ntouched + 1);
                t->touched[t->ntouched++] = ty;
                t->retained[ty] = 0;
            }
            t->retained[ty] += dt->retained[c];
        }
    }
}

/* Moves the type retaining most (ties: more objects, lower index) into x
 * and resets t. */
static void held_take(held *t, ms_leak_cluster *x)
{
    x->holds_count = 0;
    x->holds_retained = 0;
    for (size_t j = 0; j < t->ntouched; j++) {
        uint32_t ty = t->touched[j];
        if (t->retained[ty] > x->holds_retained ||
            (t->retained[ty] == x->holds_retained && t->count[ty] > x->holds_count)) {
            x->holds_type = ty;
            x->holds_count = t->count[ty];
            x->holds_retained = t->retained[ty];
        }
        t->count[ty] = 0;
    }
    t->ntouched = 0;
}

void ms_diff_leaks_describe(ms_diff *d, const ms_diff_side *final)
{
    if (!d->nclusters)
        return;
    size_t ns = (size_t)final->h->strings.count + 1;
    held ht = { .count = ms_calloc_lazy(ns, sizeof *ht.count),
                .retained = ms_malloc(ns * sizeof *ht.retained) };
    ms_parts t;
    ms_parts_init(&t, final->h);
    for (uint32_t c = 0; c < d->nclusters; c++) {
        ms_leak_cluster *x = &d->clusters[c];
        x->type_count = 0;
        for (uint32_t j = 0; j < x->count; j++) {
            uint32_t v = d->members[x->members + j];
            x->type_count += final->h->type[v] == x->type;
            ms_parts_add_subtree(&t, final->h, final->dom, final->dom->num[v]);
            held_add(&ht, final->h, final->dom, final->dom->num[v]);
        }
        held_take(&ht, x);
        x->nparts = ms_parts_take(&t, x->parts);
        x->name = ms_path_name(final->h, d->leak_parent, x->first, 6);
    }
    ms_parts_free(&t);
    free(ht.count);
    free(ht.retained);
    free(ht.touched);
    free(ht.stack);
}

void ms_diff_leaks_sign(ms_diff *d, const ms_heap *h, const struct ms_baseline *baseline)
{
    for (uint32_t c = 0; c < d->nclusters; c++) {
        ms_leak_cluster *x = &d->clusters[c];
        uint32_t at = x->holder != MS_NONE ? x->holder : x->first;
        x->signature = ms_path_signature_text(h, d->leak_parent, at);
        x->known = ms_baseline_has(baseline, "leak", ms_strpool_get(&h->strings, x->type),
                                   x->signature);
    }
}
