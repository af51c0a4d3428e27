/* invariants.h — what must hold of the analyses' results on any graph,
 * checked against independent brute-force computations. Shared by the
 * fuzz_analyze target (on whatever the readers make of arbitrary bytes) and
 * the C unit tests (tests/unit/test_analysis.c, on generated graphs).
 *
 * ms_check_invariants returns NULL when everything holds, else a static
 * message naming the first broken invariant:
 * - the numbering: num and vertex are inverse, the roots are numbered,
 *   and exactly what a breadth-first search of our own over strong and
 *   internal references reaches is numbered;
 * - the tree: idom[i] < i; retained >= own size; an object's retained size
 *   is its own size plus its dominator-tree children's; the children lists
 *   hold each number once, under its idom;
 * - dominance itself, on graphs of at most BRUTE_MAX nodes: removing x
 *   from the graph makes unreachable exactly the objects x is a
 *   dominator-tree ancestor of;
 * - garbage: the counts equal the unreachable objects and bytes;
 * - paths: every reachable object has one, from a root, along strong
 *   references (ms_bfs_parents, ms_edge_between);
 * - cycles: the members of each cycle reach each other, within the cycle
 *   (forward and backward), of[] agrees, a single-object cycle references
 *   itself, and no object outside the cycles is on a cycle of two;
 * - suspects: reachable, retaining what their node retains.
 * Header-only: test code includes it once. */
#ifndef MEMSCOPE_TEST_INVARIANTS_H
#define MEMSCOPE_TEST_INVARIANTS_H

#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

#define BRUTE_MAX 400

static bool inv_strong(const ms_heap *h, uint32_t e)
{
    return h->edge_kind[e] != MS_EDGE_WEAK;
}

/* Marks in seen[] what the roots reach over strong references without
 * passing through node `avoid` (MS_NONE: none). Returns how many. */
static uint32_t inv_reach(const ms_heap *h, const ms_roots *r, uint32_t avoid, uint8_t *seen,
                          uint32_t *queue)
{
    memset(seen, 0, h->n);
    uint32_t qh = 0, qt = 0;
    for (uint32_t k = 0; k < r->count; k++) {
        uint32_t v = r->nodes[k];
        if (v != avoid && !seen[v]) {
            seen[v] = 1;
            queue[qt++] = v;
        }
    }
    while (qh < qt) {
        uint32_t v = queue[qh++];
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
            uint32_t w = h->edge_to[e];
            if (inv_strong(h, e) && w != avoid && !seen[w]) {
                seen[w] = 1;
                queue[qt++] = w;
            }
        }
    }
    return qt;
}

static const char *inv_tree(const ms_heap *h, const ms_analysis *a, const uint8_t *seen)
{
    const ms_domtree *dt = &a->dom;
    if (dt->count > h->n)
        return "more numbers than nodes";
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t i = dt->num[v];
        if (i > dt->count || (i && dt->vertex[i] != v))
            return "num[] and vertex[] disagree";
        if (!i != !seen[v])
            return "numbered is not what the roots reach";
    }
    uint32_t *seen_kid = ms_calloc((size_t)dt->count + 1, sizeof *seen_kid);
    const char *bad = NULL;
    for (uint32_t i = 0; i <= dt->count && !bad; i++) {
        uint64_t sum = i ? ms_heap_size(h, dt->vertex[i]) : 0;
        if (i && dt->idom[i] >= i)
            bad = "an immediate dominator does not come before its object";
        else if (i && dt->retained[i] < sum)
            bad = "retained below own size";
        for (uint32_t k = dt->kid_off[i]; k < dt->kid_off[i + 1] && !bad; k++) {
            uint32_t c = dt->kids[k];
            if (c == 0 || c > dt->count || dt->idom[c] != i || seen_kid[c]++)
                bad = "a child list does not match idom[]";
            else
                sum += dt->retained[c];
        }
        if (!bad && sum != dt->retained[i])
            bad = "retained is not own size plus the children's retained";
    }
    free(seen_kid);
    return bad;
}

/* Dominance by brute force: x dominates exactly the objects that become
 * unreachable without it. */
static const char *inv_dominance(const ms_heap *h, const ms_analysis *a, uint8_t *seen,
                                 uint32_t *queue)
{
    const ms_domtree *dt = &a->dom;
    for (uint32_t x = 1; x <= dt->count; x++) {
        inv_reach(h, &a->roots, dt->vertex[x], seen, queue);
        for (uint32_t i = 1; i <= dt->count; i++) {
            bool below = false;
            for (uint32_t d = dt->idom[i]; d && !below; d = dt->idom[d])
                below = d == x;
            bool lost = i != x && !seen[dt->vertex[i]];
            if (below != lost)
                return below ? "an object's dominator-tree ancestor does not dominate it"
                             : "an object is dominated by one not above it in the tree";
        }
    }
    return NULL;
}

static const char *inv_paths(const ms_heap *h, const ms_analysis *a)
{
    uint32_t *parent = ms_bfs_parents(h, &a->roots, NULL, 0);
    const char *bad = NULL;
    for (uint32_t v = 0; v < h->n && !bad; v++) {
        if (!a->dom.num[v]) {
            if (parent[v] != MS_NONE)
                bad = "an unreachable object has a path";
            continue;
        }
        uint32_t x = v, steps = 0;
        while (!bad && parent[x] != x) {
            if (parent[x] == MS_NONE || ++steps > h->n)
                bad = "a reachable object has no path to a root";
            else if (ms_edge_between(h, parent[x], x) == MS_NONE)
                bad = "a path steps along no strong reference";
            else
                x = parent[x];
        }
    }
    free(parent);
    return bad;
}

/* Within cycle c's members (in[] marks them), from its first member,
 * forward (rev NULL) or backward: whether every member is reached. */
static bool inv_cycle_spans(const ms_heap *h, const ms_cycles *cy, uint32_t c, const uint8_t *in,
                            const uint32_t *roff, const uint32_t *rfrom, uint8_t *seen,
                            uint32_t *queue)
{
    const ms_cycle *cc = &cy->cycle[c];
    uint32_t qh = 0, qt = 0, first = cy->members[cc->first];
    queue[qt++] = first;
    seen[first] = 1;
    while (qh < qt) {
        uint32_t v = queue[qh++];
        uint32_t lo = roff ? roff[v] : h->edge_off[v], hi = roff ? roff[v + 1] : h->edge_off[v + 1];
        for (uint32_t k = lo; k < hi; k++) {
            uint32_t w = roff ? rfrom[k] : h->edge_to[k];
            if ((roff || inv_strong(h, k)) && in[w] && !seen[w]) {
                seen[w] = 1;
                queue[qt++] = w;
            }
        }
    }
    for (uint32_t k = 0; k < qt; k++)
        seen[queue[k]] = 0;
    return qt == cc->objects;
}

static const char *inv_cycles(const ms_heap *h, const ms_cycles *cy, uint32_t *queue)
{
    uint32_t *roff, *rfrom;
    ms_heap_reverse(h, false, false, &roff, &rfrom);
    uint8_t *in = ms_calloc((size_t)h->n + 1, 1), *seen = ms_calloc((size_t)h->n + 1, 1);
    const char *bad = NULL;
    uint64_t members = 0;
    for (uint32_t c = 1; c <= cy->count && !bad; c++) {
        const ms_cycle *cc = &cy->cycle[c];
        members += cc->objects;
        for (uint32_t k = 0; k < cc->objects; k++)
            in[cy->members[cc->first + k]] = 1;
        for (uint32_t k = 0; k < cc->objects && !bad; k++)
            if (cy->of[cy->members[cc->first + k]] != c)
                bad = "a cycle's member has another cycle number";
        uint32_t v = cy->members[cc->first];
        if (!bad && cc->objects == 1 && ms_edge_between(h, v, v) == MS_NONE)
            bad = "a one-object cycle does not reference itself";
        if (!bad && (!inv_cycle_spans(h, cy, c, in, NULL, NULL, seen, queue) ||
                     !inv_cycle_spans(h, cy, c, in, roff, rfrom, seen, queue)))
            bad = "a cycle's members do not reach each other";
        for (uint32_t k = 0; k < cc->objects; k++)
            in[cy->members[cc->first + k]] = 0;
    }
    if (!bad && members != cy->objects)
        bad = "the cycles' members do not add up";
    /* Two objects referencing each other are on one cycle. */
    for (uint32_t v = 0; v < h->n && !bad; v++)
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1] && !bad; e++) {
            uint32_t w = h->edge_to[e];
            if (inv_strong(h, e) && w != v && ms_edge_between(h, w, v) != MS_NONE &&
                (!cy->of[v] || cy->of[v] != cy->of[w]))
                bad = "two objects referencing each other are not one cycle";
        }
    free(in);
    free(seen);
    free(roff);
    free(rfrom);
    return bad;
}

static const char *inv_findings(const ms_heap *h, const ms_analysis *a, const ms_findings *f)
{
    uint64_t objects = 0, bytes = 0;
    for (uint32_t v = 0; v < h->n; v++)
        if (!a->dom.num[v]) {
            objects++;
            bytes += ms_heap_size(h, v);
        }
    if (f->garbage.objects != objects || f->garbage.bytes != bytes)
        return "the garbage counts are not the unreachable objects";
    for (uint32_t k = 0; k < f->nsuspects; k++) {
        const ms_suspect *s = &f->suspects[k];
        if (!a->dom.num[s->node])
            return "a suspect is unreachable";
        if (!s->group && s->retained != ms_retained(&a->dom, s->node))
            return "a suspect's retained size is not its object's";
        if (s->retained > a->dom.retained[0])
            return "a suspect retains more than the heap";
    }
    return NULL;
}

/* NULL if every invariant holds for h's analyses a (dominators and cycles
 * run) and findings f; else what broke. */
static const char *ms_check_invariants(const ms_heap *h, const ms_analysis *a,
                                       const ms_findings *f)
{
    for (uint32_t k = 0; k < a->roots.count; k++)
        if (a->roots.nodes[k] >= h->n)
            return "a root is not a node";
    uint8_t *seen = ms_malloc((size_t)h->n + 1);
    uint32_t *queue = ms_malloc(((size_t)h->n + 1) * sizeof *queue);
    inv_reach(h, &a->roots, MS_NONE, seen, queue);
    const char *bad = inv_tree(h, a, seen);
    if (!bad && h->n <= BRUTE_MAX)
        bad = inv_dominance(h, a, seen, queue);
    if (!bad)
        bad = inv_paths(h, a);
    if (!bad)
        bad = inv_cycles(h, &a->cycles, queue);
    if (!bad && f)
        bad = inv_findings(h, a, f);
    free(seen);
    free(queue);
    return bad;
}

#endif
