/* builder.h — private to src/heap: the graph builder's state, shared by
 * builder.c (adding records), join.c (appending a chunk another thread
 * built) and finish.c (resolving references, the finished graph). */
#ifndef MEMSCOPE_BUILDER_H
#define MEMSCOPE_BUILDER_H

#include "memscope/alloc.h"
#include "memscope/heap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ms_builder {
    ms_heap *h;        /* node arrays, strings, header data being filled */
    size_t cap_n, cap_m;
    uint64_t *to_id;   /* [m] reference targets as ids until finish */
    uint64_t m;
    uint64_t *root_ids;
    uint32_t *root_kinds;   /* parallel to root_ids when named (0 = none) */
    size_t nroot_ids, cap_roots, cap_kinds;
    size_t cap_big;
    bool direct;       /* edges already hold node indices (ms_builder_direct) */
};

/* Makes room for need nodes (every node array, the optional columns
 * that exist, edge_off's need + 1 entries). */
void ms_builder_grow_nodes(ms_builder *b, size_t need);
/* Makes room for need references (to_id, edge names and kinds). */
void ms_builder_grow_edges(ms_builder *b, uint64_t need);
/* MS_OK if adding nodes, edges and bytes keeps within the limits, else
 * MS_ERR_LIMIT with err's message. */
ms_status ms_builder_check_limits(const ms_builder *b, uint64_t nodes, uint64_t edges,
                                  uint64_t bytes, ms_error *err);
/* A new optional column (MS_NODE_COLUMNS): cap entries, the room
 * reserved, zeroed at once (ms_calloc writes every page). Leaving the
 * pages to be mapped as nodes fill the column costs more on dumps of 10^8
 * objects: pages mapped now reuse those the allocator has at hand. */
static inline uint32_t *ms_builder_new_column(size_t cap)
{
    return ms_calloc(cap, sizeof(uint32_t));
}

#endif
