/* detached.c — detached DOM: DOM nodes outside any document that the page
 * still keeps alive, what they retain, and the JavaScript objects that hold
 * them (see analysis.h). Reads the roles a reader gave the graph (V8's DOM
 * states, after DevTools' propagateDOMState) and the dominator tree.
 *
 * Every pass walks the dominator tree's numbers in DFS preorder, where an
 * immediate dominator always comes before the nodes it dominates, so what a
 * node inherits from its dominator is known when the node is reached: one
 * linear pass each, no recursion. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

static int cmp_types(const void *pa, const void *pb)
{
    const ms_detached_type *a = pa, *b = pb;
    if (a->retained != b->retained)
        return a->retained < b->retained ? 1 : -1;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return a->type < b->type ? -1 : a->type > b->type;
}

static int cmp_holders(const void *pa, const void *pb)
{
    const ms_detached_holder *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    if (a->retained != b->retained)
        return a->retained < b->retained ? 1 : -1;
    return a->node < b->node ? -1 : a->node > b->node;
}

/* Whether a node can hold detached DOM for a developer: a holder, or an
 * object that is neither the embedder's nor the engine's own. */
static bool holds(const ms_heap *h, uint32_t v)
{
    uint8_t r = h->role[v];
    return (r & MS_ROLE_HOLDER) || !(r & (MS_ROLE_NATIVE | MS_ROLE_ENGINE));
}

void ms_detached_find(const ms_heap *h, const ms_domtree *dt, ms_detached *out)
{
    memset(out, 0, sizeof *out);
    if (!h->role)
        return;
    size_t ns = (size_t)h->strings.count + 1;
    uint32_t *row = NULL; /* type -> row + 1 */
    size_t cap = 0;
    for (uint32_t v = 0; v < h->n; v++) {
        uint8_t r = h->role[v];
        out->has_dom |= (r & MS_ROLE_DOM) != 0;
        if (!(r & MS_ROLE_DETACHED))
            continue;
        if (!row)
            row = ms_calloc(ns, sizeof *row);
        uint32_t ty = h->type[v];
        if (!row[ty]) {
            MS_GROW(out->types, cap, (size_t)out->ntypes + 1);
            out->types[out->ntypes] = (ms_detached_type){ .type = ty };
            row[ty] = ++out->ntypes;
        }
        ms_detached_type *t = &out->types[row[ty] - 1];
        uint64_t sz = ms_heap_size(h, v);
        t->count++;
        t->bytes += sz;
        out->count++;
        out->bytes += sz;
    }
    if (!out->count) {
        free(row);
        return;
    }
    /* In preorder: top[i], the outermost detached node dominating number i
     * (itself included), 0 if none; hold[i], the nearest dominator of i
     * (itself included) that can hold detached DOM. */
    uint32_t *top = ms_malloc(((size_t)dt->count + 1) * sizeof *top);
    uint32_t *hold = ms_malloc(((size_t)dt->count + 1) * sizeof *hold);
    uint64_t *held = ms_calloc((size_t)dt->count + 1, sizeof *held);
    top[0] = hold[0] = 0;
    for (uint32_t i = 1; i <= dt->count; i++) {
        uint32_t v = dt->vertex[i], d = dt->idom[i];
        bool det = (h->role[v] & MS_ROLE_DETACHED) != 0;
        top[i] = top[d] ? top[d] : det ? i : 0;
        hold[i] = holds(h, v) ? i : hold[d];
        if (!det)
            continue;
        if (top[i] == i) {
            out->retained += dt->retained[i];
            out->types[row[h->type[v]] - 1].retained += dt->retained[i];
        }
        held[hold[dt->idom[top[i]]]]++;
    }
    size_t hcap = 0;
    for (uint32_t i = 0; i <= dt->count; i++) {
        if (!held[i])
            continue;
        MS_GROW(out->holders, hcap, (size_t)out->nholders + 1);
        out->holders[out->nholders++] = (ms_detached_holder){
            .node = i ? dt->vertex[i] : MS_NONE, .count = held[i], .retained = dt->retained[i]
        };
    }
    if (out->ntypes) /* qsort takes no NULL, even for no rows */
        qsort(out->types, out->ntypes, sizeof *out->types, cmp_types);
    if (out->nholders)
        qsort(out->holders, out->nholders, sizeof *out->holders, cmp_holders);
    free(row);
    free(top);
    free(hold);
    free(held);
}

void ms_detached_free(ms_detached *d)
{
    free(d->types);
    free(d->holders);
    memset(d, 0, sizeof *d);
}
