/* resolve.h — bulk id lookup for the graph builder (see resolve.c). */
#ifndef MEMSCOPE_RESOLVE_H
#define MEMSCOPE_RESOLVE_H

#include "memscope/heap.h"

#include <stdint.h>

/* For each refs[e], sets out[e] to the index i with ids[i] == refs[e], or
 * MS_NONE, *missing to how many are MS_NONE and, if any, *missing_id to
 * the first of those by position. Returns MS_NONE if all ids are distinct;
 * otherwise the lowest index whose id an earlier index has, with
 * *dup_first set to that earlier index (out, *missing and *missing_id are
 * then unspecified). m must be below 2^32.
 * out may start where refs starts (the builder writes the answers over
 * the ids); it must not overlap refs otherwise. */
uint32_t ms_resolve_ids(const uint64_t *ids, uint32_t n, const uint64_t *refs, uint64_t m,
                        uint32_t *out, uint32_t *dup_first, uint64_t *missing,
                        uint64_t *missing_id);

#endif
