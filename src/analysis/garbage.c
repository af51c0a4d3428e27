/* garbage.c — counting what the roots do not reach (see analysis.h). */
#include "memscope/analysis.h"

#include <string.h>

int ms_node_tracked(const ms_heap *h, uint32_t node)
{
    uint8_t f = h->flags[node];
    if (!(f & MS_NODE_GC_KNOWN))
        return -1;
    return (f & MS_NODE_GC) ? 1 : 0;
}

void ms_garbage_count(const ms_heap *h, const ms_domtree *dt, const ms_cycles *c,
                      ms_garbage *out)
{
    memset(out, 0, sizeof *out);
    /* Branch-free: reachable and unreachable objects are interleaved at
     * random, and a mispredicted branch per object cost more than the sums. */
    const uint8_t gc = MS_NODE_GC_KNOWN | MS_NODE_GC;
    uint64_t objects = 0, bytes = 0, tracked = 0, in_cycles = 0, finalizers = 0;
    for (uint32_t v = 0; v < h->n; v++) {
        uint64_t g = dt->num[v] == 0, mask = 0 - g;
        uint8_t f = h->flags[v];
        objects += g;
        bytes += mask & ms_heap_size(h, v);
        tracked += g & ((f & gc) == gc);
        finalizers += g & ((f & MS_NODE_FINALIZER) != 0);
        if (c)
            in_cycles += g & (c->of[v] != 0);
    }
    out->objects = objects;
    out->bytes = bytes;
    out->tracked = tracked;
    out->in_cycles = in_cycles;
    out->finalizers = finalizers;
    for (uint32_t k = 1; c && k <= c->count; k++) {
        const ms_cycle *cy = &c->cycle[k];
        if (cy->reachable)
            continue;
        out->cycles++;
        for (uint32_t i = 0; i < cy->objects; i++)
            if (h->flags[c->members[cy->first + i]] & MS_NODE_FINALIZER) {
                out->finalizer_cycles++;
                break;
            }
    }
}
