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
    for (uint32_t v = 0; v < h->n; v++) {
        if (dt->num[v])
            continue;
        out->objects++;
        out->bytes += ms_heap_size(h, v);
        if (ms_node_tracked(h, v) == 1)
            out->tracked++;
        if (c && c->of[v])
            out->in_cycles++;
        if (h->flags[v] & MS_NODE_FINALIZER)
            out->finalizers++;
    }
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
