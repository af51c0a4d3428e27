/* counts.h — how many elements each array of an index holds, from its
 * header (layout.h); shared by write.c and open.c. */
#ifndef MEMSCOPE_INDEX_COUNTS_H
#define MEMSCOPE_INDEX_COUNTS_H

#include "layout.h"

/* The element count of array a under header x, if present. */
static inline uint64_t ms_index_count(const ms_index_header *x, int a)
{
    uint64_t n = x->n, d = x->dom_count;
    switch (a) {
    case MS_IX_loc: return x->nloc;
    case MS_IX_edge_off: case MS_IX_in_off: return n + 1;
    case MS_IX_edge_to: case MS_IX_edge_name: case MS_IX_edge_kind: return x->m;
    case MS_IX_in_from: return x->m;
    case MS_IX_big_size: return 2 * (uint64_t)x->nbig;
    case MS_IX_heap_roots: return x->nroots;
    case MS_IX_site_frame: case MS_IX_site_parent: return x->nsites;
    case MS_IX_str_bytes: return x->str_bytes;
    case MS_IX_str_off: case MS_IX_str_len: return x->nstrings;
    case MS_IX_meta: return x->meta_len + 1;
    case MS_IX_roots: return x->root_count;
    case MS_IX_dom_vertex: case MS_IX_dom_idom: case MS_IX_dom_retained: return d + 1;
    case MS_IX_dom_kid_off: return d + 2;
    case MS_IX_dom_kids: return d;
    case MS_IX_cyc_cycle: return (uint64_t)x->ncycles + 1;
    case MS_IX_cyc_members: return x->cyc_objects;
    default: return n; /* the per-object columns, dom_num, cyc_of, bfs_parent and
                        * id_order */
    }
}

/* Each array's element size. */
static const size_t ms_index_elem[MS_IX_COUNT] = {
#define MS_INDEX_SIZE(name, field, type) sizeof(type),
    MS_INDEX_ARRAYS(MS_INDEX_SIZE)
#undef MS_INDEX_SIZE
};

/* Arrays every index has; the others are optional (bit in x->present). */
#define MS_INDEX_REQUIRED                                                              \
    ((1ull << MS_IX_id) | (1ull << MS_IX_type) | (1ull << MS_IX_size) |               \
     (1ull << MS_IX_label) | (1ull << MS_IX_flags) | (1ull << MS_IX_edge_off) |       \
     (1ull << MS_IX_edge_to) | (1ull << MS_IX_edge_name) | (1ull << MS_IX_edge_kind) | \
     (1ull << MS_IX_in_off) | (1ull << MS_IX_in_from) |                           \
     (1ull << MS_IX_str_bytes) | (1ull << MS_IX_str_off) | (1ull << MS_IX_str_len) |  \
     (1ull << MS_IX_dom_num) | (1ull << MS_IX_dom_vertex) | (1ull << MS_IX_dom_idom) | \
     (1ull << MS_IX_dom_retained) | (1ull << MS_IX_dom_kid_off) |                     \
     (1ull << MS_IX_dom_kids) | (1ull << MS_IX_cyc_of) | (1ull << MS_IX_cyc_cycle) |   \
     (1ull << MS_IX_cyc_members) | (1ull << MS_IX_bfs_parent) |                       \
     (1ull << MS_IX_id_order))

#endif
