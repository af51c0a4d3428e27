/* heap.c — the finished graph: freeing it, and the small queries on it
 * (sizes kept out of line, edge names, which node owns an edge, where a
 * node was defined, memory held). Building is in builder.c, join.c and
 * finish.c, the id map in idmap.c, predecessor lists in preds.c. */
#include "memscope/heap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void ms_heap_release(const ms_heap *h, void *p)
{
    uintptr_t a = (uintptr_t)p, lo = (uintptr_t)h->map;
    if (!h->map || a < lo || a >= lo + h->map_len)
        free(p);
}

void ms_heap_free(ms_heap *h)
{
    if (!h)
        return;
    if (h->cache_free)
        h->cache_free(h);
#define RELEASE(p) ms_heap_release(h, p)
    RELEASE(h->id);
    RELEASE(h->type);
    RELEASE(h->size);
    RELEASE(h->label);
    RELEASE(h->flags);
#define FREE_COLUMN(col, flag) RELEASE(h->col);
    MS_NODE_COLUMNS(FREE_COLUMN)
#undef FREE_COLUMN
    RELEASE(h->distance);
    RELEASE(h->role);
    RELEASE(h->root_kind);
    RELEASE(h->sites.frame);
    RELEASE(h->sites.parent);
    RELEASE(h->loc);
    RELEASE(h->edge_off);
    RELEASE(h->edge_to);
    RELEASE(h->edge_name);
    RELEASE(h->edge_kind);
    RELEASE(h->in_off);
    RELEASE(h->in_from);
    RELEASE(h->roots);
    RELEASE(h->big_size);
    RELEASE(h->ids.slots);
    RELEASE(h->ids.order);
    RELEASE(h->meta_json);
#undef RELEASE
    free(h->source);
    ms_strpool_free(&h->strings);
    if (h->map)
        munmap(h->map, h->map_len);
    free(h);
}

size_t ms_index_name(char buf[MS_INDEX_NAME_MAX], uint32_t k)
{
    char digits[10];
    size_t nd = 0, n = 0;
    do {
        digits[nd++] = (char)('0' + k % 10);
        k /= 10;
    } while (k);
    buf[n++] = '[';
    while (nd)
        buf[n++] = digits[--nd];
    buf[n++] = ']';
    buf[n] = '\0';
    return n;
}

const char *ms_heap_edge_name(const ms_heap *h, uint32_t e, char buf[MS_INDEX_NAME_MAX])
{
    uint32_t name = h->edge_name[e];
    if (h->index_names && (name & MS_NAME_INDEX)) {
        ms_index_name(buf, name & ~MS_NAME_INDEX);
        return buf;
    }
    return ms_heap_str(h, name);
}

uint64_t ms_heap_big_size(const ms_heap *h, uint32_t node)
{
    uint32_t lo = 0, hi = h->nbig;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->big_size[2 * mid] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->nbig && h->big_size[2 * lo] == node ? h->big_size[2 * lo + 1] : MS_SIZE_BIG;
}

const uint8_t *ms_heap_weak_kinds(const ms_heap *h)
{
    return h->m && memchr(h->edge_kind, MS_EDGE_WEAK, h->m) ? h->edge_kind : NULL;
}

uint32_t ms_heap_edge_source(const ms_heap *h, uint32_t e)
{
    /* The last node whose first edge is at or before e. */
    uint32_t lo = 0, hi = h->n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->edge_off[mid] <= e)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t ms_heap_node_memory(const ms_heap *h)
{
    size_t per = sizeof *h->id + sizeof *h->type + sizeof *h->size + sizeof *h->label +
                 sizeof *h->flags + sizeof *h->edge_off;
#define COUNT_COLUMN(col, flag)                                         \
    if (h->col)                                                         \
        per += sizeof *h->col;
    MS_NODE_COLUMNS(COUNT_COLUMN)
#undef COUNT_COLUMN
    if (h->distance)
        per += sizeof *h->distance;
    if (h->role)
        per += sizeof *h->role;
    if (h->root_kind)
        per += sizeof *h->root_kind;
    size_t idmap = h->ids.slots ? (((size_t)h->ids.mask + 1) << h->ids.part_bits) : 0;
    return per * h->n + idmap * sizeof(uint32_t) +
           (size_t)h->nroots * sizeof *h->roots + (size_t)h->nbig * 2 * sizeof *h->big_size;
}

size_t ms_heap_edge_memory(const ms_heap *h)
{
    return (size_t)h->m * (sizeof *h->edge_to + sizeof *h->edge_name + sizeof *h->edge_kind);
}

const ms_location *ms_heap_location(const ms_heap *h, uint32_t node)
{
    uint32_t lo = 0, hi = h->nloc;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->loc[mid].node < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->nloc && h->loc[lo].node == node ? &h->loc[lo] : NULL;
}

uint32_t ms_heap_first_node_from(const ms_heap *h, uint32_t lo, uint64_t e)
{
    uint32_t hi = h->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->edge_off[mid] < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
