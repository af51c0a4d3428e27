/* dominators.c — the dominator tree and retained sizes (see analysis.h).
 *
 * Semi-NCA (Georgiadis, Tarjan, Werneck, "Finding dominators in practice",
 * 2006): a depth-first numbering from a virtual root over the roots,
 * semidominators by Lengauer–Tarjan's eval with path compression, then each
 * immediate dominator as the nearest common ancestor of the DFS parent and
 * the semidominator. Everything is indexed by DFS number and every loop is
 * iterative: reference chains in real heaps are millions long.
 *
 * On big heaps every pass is bound by cache misses, the worst case being a
 * heap without locality (gendump --shape random, and V8 heaps come close):
 * the search's two marks per node side by side in one bitmap, the referrer
 * counts taken on another thread during the search, the referrer lists
 * built with their counters fetched ahead or by a radix sort (preds.c), the
 * forest links of the lists to come fetched ahead, and eval's ancestor and
 * best semidominator side by side (docs/performance.md has the figures). */
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/parallel.h"

#include <stdlib.h>
#include <string.h>

/* Numbers reachable nodes 1..count in DFS preorder from the roots (in root
 * order, references in dump order, weak ones skipped). Fills num[], vertex[]
 * and parent[] (by number); returns count.
 *
 * On a heap without locality every reference is a cache miss, and most
 * lead to nodes already numbered or without references. Two bits a node,
 * side by side so that one cache miss brings both, answer both questions:
 * num[] and edge_off[] are read only for a node about to be entered. The
 * bits are a quarter of a byte a node: in cache on heaps of tens of
 * millions of objects, and one miss rather than two beyond. */
static uint32_t dfs_number(const ms_heap *h, const ms_roots *roots, uint32_t *num,
                           uint32_t *vertex, uint32_t *parent)
{
    /* Node v's bits: 2(v % 32) seen, 2(v % 32) + 1 has references. */
    uint64_t *bits = ms_calloc(((size_t)h->n + 32) / 32, sizeof *bits);
    for (uint32_t v = 0; v < h->n; v++)
        if (h->edge_off[v] != h->edge_off[v + 1])
            bits[v / 32] |= UINT64_C(2) << (2 * (v % 32));
#define BITS(v) (bits[(v) / 32] >> (2 * ((v) % 32)) & 3)
#define NUMBER(w, p)                                                            \
    (bits[(w) / 32] |= UINT64_C(1) << (2 * ((w) % 32)), num[w] = ++count, vertex[count] = (w), \
     parent[count] = (p))
    uint32_t *snode = ms_malloc(((size_t)h->n + 1) * sizeof *snode);
    uint32_t *spos = ms_malloc(((size_t)h->n + 1) * sizeof *spos);
    uint32_t count = 0;
    const uint8_t *kind = ms_heap_weak_kinds(h);
    vertex[0] = MS_NONE;
    parent[0] = 0;
    for (uint32_t r = 0; r < roots->count; r++) {
        uint32_t root = roots->nodes[r];
        if (BITS(root) & 1)
            continue;
        NUMBER(root, 0);
        size_t sp = 0;
        snode[sp] = root;
        spos[sp++] = h->edge_off[root];
        while (sp) {
            uint32_t v = snode[sp - 1], e = spos[sp - 1], end = h->edge_off[v + 1];
            uint32_t next = MS_NONE, nv = num[v];
            while (e < end) {
                uint32_t w = h->edge_to[e];
                bool weak = kind && kind[e] == MS_EDGE_WEAK;
                e++;
                if (weak)
                    continue;
                uint64_t b = BITS(w);
                if (b & 1)
                    continue;
                if (!b) {
                    /* A leaf (most objects are): number it without a push. */
                    NUMBER(w, nv);
                    continue;
                }
                next = w;
                break;
            }
            if (next == MS_NONE) {
                sp--;
                continue;
            }
            spos[sp - 1] = e;
            NUMBER(next, nv);
            snode[sp] = next;
            spos[sp++] = ms_heap_prefetch_targets(h, next);
        }
    }
    free(snode);
    free(spos);
    free(bits);
    return count;
#undef NUMBER
#undef BITS
}

/* One entry of the forest eval walks, by number: the ancestor, and the
 * smallest semidominator on the compressed path from it (Lengauer–Tarjan's
 * label, kept as the semidominator itself rather than the number that has
 * it: Semi-NCA wants only the value). Side by side, one cache miss brings
 * both, and the compression below reads nothing else. */
typedef struct link {
    uint32_t anc, best;
} link;

/* The path eval compresses: grown as needed (paths are short but for a
 * few, and a stack with room for every number would be 4 bytes a node). */
typedef struct path_stack {
    uint32_t *v;
    size_t cap;
} path_stack;

/* Lengauer–Tarjan's eval over the forest of numbers > last-1 linked so far
 * (f[v].anc >= last means v's ancestor is linked): compresses the path from
 * v and returns the smallest semidominator on it. */
static uint32_t eval(uint32_t v, uint32_t last, link *f, path_stack *ps)
{
    if (f[v].anc < last)
        return f[v].best;
    size_t sp = 0;
    uint32_t x = v;
    uint32_t *stack = ps->v;
    do {
        if (sp == ps->cap) {
            MS_GROW(ps->v, ps->cap, sp + 1);
            stack = ps->v;
        }
        stack[sp++] = x;
        x = f[x].anc;
    } while (f[x].anc >= last);
    uint32_t pbest = f[x].best;
    uint32_t p = x;
    do {
        uint32_t y = stack[--sp];
        f[y].anc = f[p].anc;
        if (pbest < f[y].best)
            f[y].best = pbest;
        else
            pbest = f[y].best;
        p = y;
    } while (sp);
    return f[v].best;
}

/* Semidominators, in reverse preorder, from the referrer lists by number
 * (poff/pfrom, freed here): returns semi[] by number. */
static uint32_t *semidominators(const ms_roots *roots, const uint32_t *num, const uint32_t *idom,
                                uint32_t count, uint32_t *poff, uint32_t *pfrom)
{
    size_t c1 = (size_t)count + 1;
    /* Roots have the virtual root as a predecessor. */
    uint8_t *isroot = ms_calloc(c1, 1);
    for (uint32_t r = 0; r < roots->count; r++)
        isroot[num[roots->nodes[r]]] = 1;
    uint32_t *semi = ms_malloc(c1 * sizeof *semi);
    link *f = ms_malloc(c1 * sizeof *f);
    path_stack stack = { NULL, 0 };
    for (uint32_t i = 0; i <= count; i++) {
        f[i].anc = idom[i];
        f[i].best = i;
    }
    /* The referrer lists are read from the last down: at each, the forest
     * links of the entries AHEAD places below its own are fetched, so that
     * every entry's link is on its way before the entry is read. */
    enum { AHEAD = 8 };
    for (uint32_t i = count; i >= 1; i--) {
        uint32_t s = idom[i];
        for (uint32_t k = poff[i] >= AHEAD ? poff[i] - AHEAD : 0,
                      stop = poff[i + 1] >= AHEAD ? poff[i + 1] - AHEAD : 0;
             k < stop; k++)
            __builtin_prefetch(&f[pfrom[k]]);
        if (isroot[i]) {
            s = 0;
        } else {
            for (uint32_t k = poff[i]; k < poff[i + 1]; k++) {
                uint32_t u = pfrom[k];
                if (!u)
                    continue; /* an unreachable referrer */
                /* A number not yet processed is its own semidominator
                 * candidate: eval would return it unchanged. */
                uint32_t c = u <= i ? u : eval(u, i + 1, f, &stack);
                if (c < s)
                    s = c;
            }
        }
        semi[i] = f[i].best = s;
    }
    free(poff);
    free(pfrom);
    free(isroot);
    free(f);
    free(stack.v);
    return semi;
}

/* The last steps, side by side: the retained sizes, and the children
 * lists. By then the cycle search, run beside the dominator pass, is
 * mostly done and the other core free. The sizes are not read earlier,
 * beside the semidominator pass: their array would be live beside that
 * pass's, at the pass's peak. */
typedef struct finish_job {
    const ms_heap *h;
    ms_domtree *out;
    uint64_t *ret;
    uint32_t *pos;
} finish_job;

/* Children CSR, each list in ascending number, into the arrays allocated
 * for it (out->kid_off zeroed, out->kids; pos is scratch, c1 entries). */
static void children(ms_domtree *out, uint32_t *pos)
{
    uint32_t count = out->count, *idom = out->idom;
    size_t c1 = (size_t)count + 1;
    uint32_t *off = out->kid_off, *kids = out->kids;
    for (uint32_t i = 1; i <= count; i++)
        off[idom[i] + 1]++;
    for (uint32_t i = 0; i < c1; i++)
        off[i + 1] += off[i];
    memcpy(pos, off, c1 * sizeof *pos);
    for (uint32_t i = 1; i <= count; i++)
        kids[pos[idom[i]]++] = i;
}

static void retained_or_children(void *ctx, int i)
{
    finish_job *j = ctx;
    ms_domtree *out = j->out;
    if (i == 1) {
        children(out, j->pos);
        return;
    }
    /* Retained sizes: children have larger numbers than their dominator. */
    uint64_t *ret = j->ret;
    ret[0] = 0;
    for (uint32_t k = 1; k <= out->count; k++)
        ret[k] = ms_heap_size(j->h, out->vertex[k]);
    for (uint32_t k = out->count; k >= 1; k--)
        ret[out->idom[k]] += ret[k];
}

/* The tree from the DFS numbering (parents in out->idom): semidominators,
 * immediate dominators, retained sizes and the children CSR. */
static void dominators_finish(const ms_heap *h, const ms_roots *roots, uint32_t *indeg,
                              ms_domtree *out)
{
    uint32_t *idom = out->idom;
    uint32_t count = out->count;
    size_t c1 = (size_t)count + 1;
    /* Referrers by number, numbers in the lists: the semidominator pass
     * then reads each list in turn with no lookup per referrer. */
    uint32_t *poff, *pfrom;
    ms_heap_reverse_numbered(h, out->num, count, false, indeg, &poff, &pfrom);
    free(indeg);
    uint32_t *semi = semidominators(roots, out->num, idom, count, poff, pfrom);

    /* Immediate dominators: climb from the DFS parent to the semidominator. */
    idom[0] = 0;
    for (uint32_t i = 1; i <= count; i++) {
        uint32_t c = idom[i];
        while (c > semi[i])
            c = idom[c];
        idom[i] = c;
    }
    free(semi);
    /* Everything allocated here: memory freed by this thread is reused
     * (from another, glibc would take fresh memory in its own arena). */
    finish_job j = { h, out, ms_malloc(c1 * sizeof(uint64_t)), ms_malloc(c1 * sizeof(uint32_t)) };
    out->kid_off = ms_calloc(c1 + 1, sizeof *out->kid_off);
    out->kids = ms_malloc((count ? count : 1) * sizeof *out->kids);
    ms_parallel_jobs(2, retained_or_children, &j);
    free(j.pos);

    out->vertex = ms_realloc_array(out->vertex, c1, sizeof *out->vertex);
    out->idom = ms_realloc_array(idom, c1, sizeof *idom);
    out->retained = j.ret;
}

void ms_reachable(const ms_heap *h, const ms_roots *roots, ms_domtree *out)
{
    memset(out, 0, sizeof *out);
    size_t n1 = (size_t)h->n + 1;
    out->num = ms_calloc(n1, sizeof *out->num);
    out->vertex = ms_malloc(n1 * sizeof *out->vertex);
    out->idom = ms_malloc(n1 * sizeof *out->idom);  /* the DFS parents, for now */
    out->count = dfs_number(h, roots, out->num, out->vertex, out->idom);
}

typedef struct dom_job {
    const ms_heap *h;
    const ms_roots *roots;
    ms_domtree *out;
    uint32_t *indeg;
} dom_job;

static void dominators_part(void *ctx, int i)
{
    dom_job *j = ctx;
    if (i == 0)
        ms_reachable(j->h, j->roots, j->out);
    else
        j->indeg = ms_heap_indegree(j->h);
}

void ms_dominators(const ms_heap *h, const ms_roots *roots, ms_domtree *out)
{
    /* The depth-first search is one long chain of cache misses; the
     * referrer counts that the reverse CSR starts from are not, and are
     * taken meanwhile on another thread. */
    dom_job j = { h, roots, out, NULL };
    ms_parallel_jobs(2, dominators_part, &j);
    dominators_finish(h, roots, j.indeg, out); /* frees indeg */
}

static int cmp_kids(const void *pa, const void *pb, void *ctx)
{
    const uint64_t *ret = ctx;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    if (ret[a] != ret[b])
        return ret[a] < ret[b] ? 1 : -1;
    return a < b ? -1 : a > b;
}

void ms_domtree_sort_kids(ms_domtree *dt)
{
    for (uint32_t i = 0; i <= dt->count; i++) {
        uint32_t a = dt->kid_off[i], b = dt->kid_off[i + 1];
        if (b - a > 1)
            qsort_r(dt->kids + a, b - a, sizeof *dt->kids, cmp_kids, dt->retained);
    }
}

void ms_domtree_free(ms_domtree *dt)
{
    free(dt->num);
    free(dt->vertex);
    free(dt->idom);
    free(dt->retained);
    free(dt->kid_off);
    free(dt->kids);
    memset(dt, 0, sizeof *dt);
}
