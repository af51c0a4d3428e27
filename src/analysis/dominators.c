/* dominators.c — the dominator tree and retained sizes (see analysis.h).
 *
 * Semi-NCA (Georgiadis, Tarjan, Werneck, "Finding dominators in practice",
 * 2006): a depth-first numbering from a virtual root over the roots,
 * semidominators by Lengauer–Tarjan's eval with path compression, then each
 * immediate dominator as the nearest common ancestor of the DFS parent and
 * the semidominator. Everything is indexed by DFS number and every loop is
 * iterative: reference chains in real heaps are millions long. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

/* Numbers reachable nodes 1..count in DFS preorder from the roots (in root
 * order, references in dump order, weak ones skipped). Fills num[], vertex[]
 * and parent[] (by number); returns count. */
static uint32_t dfs_number(const ms_heap *h, const ms_roots *roots, uint32_t *num,
                           uint32_t *vertex, uint32_t *parent)
{
#define NUMBER(w, p) (num[w] = ++count, vertex[count] = (w), parent[count] = (p))
    uint32_t *snode = ms_malloc(((size_t)h->n + 1) * sizeof *snode);
    uint32_t *spos = ms_malloc(((size_t)h->n + 1) * sizeof *spos);
    uint32_t count = 0;
    vertex[0] = MS_NONE;
    parent[0] = 0;
    for (uint32_t r = 0; r < roots->count; r++) {
        uint32_t root = roots->nodes[r];
        if (num[root])
            continue;
        NUMBER(root, 0);
        size_t sp = 0;
        snode[sp] = root;
        spos[sp++] = h->edge_off[root];
        while (sp) {
            uint32_t v = snode[sp - 1], e = spos[sp - 1], end = h->edge_off[v + 1];
            uint32_t next = MS_NONE;
            while (e < end) {
                uint32_t w = h->edge_to[e];
                bool weak = h->edge_kind[e] == MS_EDGE_WEAK;
                e++;
                if (weak || num[w])
                    continue;
                if (h->edge_off[w] == h->edge_off[w + 1]) {
                    /* A leaf (most objects are): number it without a push. */
                    NUMBER(w, num[v]);
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
            NUMBER(next, num[v]);
            snode[sp] = next;
            spos[sp++] = h->edge_off[next];
        }
    }
    free(snode);
    free(spos);
    return count;
#undef NUMBER
}

/* Lengauer–Tarjan's eval over the forest of numbers > last-1 linked so far
 * (anc[v] >= last means v's ancestor is linked): compresses the path from v
 * and returns the number on it with the smallest semidominator. stack has
 * room for every number. */
static uint32_t eval(uint32_t v, uint32_t last, uint32_t *anc, uint32_t *label,
                     const uint32_t *semi, uint32_t *stack)
{
    if (anc[v] < last)
        return label[v];
    size_t sp = 0;
    uint32_t x = v;
    do {
        stack[sp++] = x;
        x = anc[x];
    } while (anc[x] >= last);
    uint32_t p = x, plabel = label[x];
    do {
        uint32_t y = stack[--sp];
        anc[y] = anc[p];
        if (semi[plabel] < semi[label[y]])
            label[y] = plabel;
        else
            plabel = label[y];
        p = y;
    } while (sp);
    return label[v];
}

static int cmp_kids(const void *pa, const void *pb, void *ctx)
{
    const uint64_t *ret = ctx;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    if (ret[a] != ret[b])
        return ret[a] < ret[b] ? 1 : -1;
    return a < b ? -1 : a > b;
}

/* The tree from the DFS numbering (parents in out->idom): semidominators,
 * immediate dominators, retained sizes and the children CSR. */
static void dominators_finish(const ms_heap *h, const ms_roots *roots, ms_domtree *out)
{
    uint32_t *num = out->num, *vertex = out->vertex, *idom = out->idom;
    uint32_t count = out->count;
    size_t c1 = (size_t)count + 1;
    /* Referrers by number, numbers in the lists: the semidominator pass
     * then reads each list in turn with no lookup per referrer. */
    uint32_t *poff, *pfrom;
    ms_heap_reverse_numbered(h, num, count, false, &poff, &pfrom);

    /* Roots have the virtual root as a predecessor. */
    uint8_t *isroot = ms_calloc(c1, 1);
    for (uint32_t r = 0; r < roots->count; r++)
        isroot[num[roots->nodes[r]]] = 1;

    /* Semidominators, in reverse preorder. */
    uint32_t *semi = ms_malloc(c1 * sizeof *semi);
    uint32_t *label = ms_malloc(c1 * sizeof *label);
    uint32_t *anc = ms_malloc(c1 * sizeof *anc);
    uint32_t *stack = ms_malloc(c1 * sizeof *stack);
    for (uint32_t i = 0; i <= count; i++) {
        semi[i] = label[i] = i;
        anc[i] = idom[i];
    }
    for (uint32_t i = count; i >= 1; i--) {
        uint32_t s = idom[i];
        if (isroot[i]) {
            s = 0;
        } else {
            for (uint32_t k = poff[i]; k < poff[i + 1]; k++) {
                uint32_t u = pfrom[k];
                /* A number not yet processed is its own semidominator
                 * candidate: eval would return it unchanged. */
                uint32_t c = u <= i ? u : semi[eval(u, i + 1, anc, label, semi, stack)];
                if (c < s)
                    s = c;
            }
        }
        semi[i] = s;
    }
    free(poff);
    free(pfrom);
    free(isroot);
    free(label);
    free(anc);
    free(stack);

    /* Immediate dominators: climb from the DFS parent to the semidominator. */
    idom[0] = 0;
    for (uint32_t i = 1; i <= count; i++) {
        uint32_t c = idom[i];
        while (c > semi[i])
            c = idom[c];
        idom[i] = c;
    }
    free(semi);

    /* Retained sizes: children have larger numbers than their dominator. */
    uint64_t *ret = ms_malloc(c1 * sizeof *ret);
    ret[0] = 0;
    for (uint32_t i = 1; i <= count; i++)
        ret[i] = ms_heap_size(h, vertex[i]);
    for (uint32_t i = count; i >= 1; i--)
        ret[idom[i]] += ret[i];

    /* Children CSR, each list in ascending number. */
    uint32_t *off = ms_calloc(c1 + 1, sizeof *off);
    for (uint32_t i = 1; i <= count; i++)
        off[idom[i] + 1]++;
    for (uint32_t i = 0; i < c1; i++)
        off[i + 1] += off[i];
    uint32_t *kids = ms_malloc((count ? count : 1) * sizeof *kids);
    uint32_t *pos = ms_malloc(c1 * sizeof *pos);
    memcpy(pos, off, c1 * sizeof *pos);
    for (uint32_t i = 1; i <= count; i++)
        kids[pos[idom[i]]++] = i;
    free(pos);

    out->vertex = ms_realloc_array(vertex, c1, sizeof *vertex);
    out->idom = ms_realloc_array(idom, c1, sizeof *idom);
    out->retained = ret;
    out->kid_off = off;
    out->kids = kids;
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

void ms_dominators(ms_heap *h, const ms_roots *roots, ms_domtree *out)
{
    ms_reachable(h, roots, out);
    dominators_finish(h, roots, out);
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
