/* idmap.c — the graph's id -> node index hash map, built on demand
 * (ms_heap_index) for the lookups that follow a load (ms_heap_find).
 *
 * The map is one array of node indices split into equal partitions (a
 * power of two); an id's partition is chosen by the top bits of its hash
 * and it probes linearly within that partition only. So each partition can
 * be filled by its own thread with no locking. */
#include "memscope/heap.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"

#include <stdlib.h>
#include <string.h>

#define BATCH 32

static inline uint32_t id_slot(const ms_idmap *m, uint64_t hash)
{
    uint32_t part = m->part_bits ? (uint32_t)(hash >> (64 - m->part_bits)) : 0;
    return (part << m->part_shift) | ((uint32_t)hash & m->mask);
}

static inline uint32_t id_next(const ms_idmap *m, uint32_t s)
{
    return (s & ~m->mask) | ((s + 1) & m->mask);
}

uint32_t ms_heap_find(const ms_heap *h, uint64_t id)
{
    if (!h->ids.slots && h->ids.order) {
        const uint32_t *order = h->ids.order;
        uint32_t lo = 0, hi = h->n;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (h->id[order[mid]] < id)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < h->n && h->id[order[lo]] == id ? order[lo] : MS_NONE;
    }
    if (!h->ids.slots) {
        for (uint32_t i = 0; i < h->n; i++)
            if (h->id[i] == id)
                return i;
        return MS_NONE;
    }
    uint32_t s = id_slot(&h->ids, ms_hash_u64(id));
    for (;;) {
        uint32_t i = h->ids.slots[s];
        if (i == MS_NONE || h->id[i] == id)
            return i;
        s = id_next(&h->ids, s);
    }
}

/* Inserts the ids of partition `part` in node order (ids are distinct: the
 * builder checked). Slots are prefetched a batch ahead. */
static void idmap_fill(void *ctx, int part)
{
    ms_heap *h = ctx;
    ms_idmap *m = &h->ids;
    uint32_t *slots = m->slots;
    uint32_t slot[BATCH], node[BATCH];
    for (uint32_t base = 0; base < h->n; base += BATCH) {
        uint32_t end = h->n - base < BATCH ? h->n : base + BATCH, k = 0;
        for (uint32_t i = base; i < end; i++) {
            uint64_t hash = ms_hash_u64(h->id[i]);
            if (m->part_bits && (int)(hash >> (64 - m->part_bits)) != part)
                continue;
            slot[k] = id_slot(m, hash);
            node[k++] = i;
            __builtin_prefetch(&slots[slot[k - 1]], 1);
        }
        for (uint32_t j = 0; j < k; j++) {
            uint32_t s = slot[j];
            while (slots[s] != MS_NONE)
                s = id_next(m, s);
            slots[s] = node[j];
        }
    }
}

/* LSD radix sort of the nodes by id, 16 bits a pass, passes whose digit
 * is the same for every id skipped (ids below 2^32 take two). */
void ms_heap_id_order(ms_heap *h)
{
    if (h->ids.order)
        return;
    uint32_t n = h->n;
    uint32_t *a = ms_malloc(((size_t)n + 1) * sizeof *a);
    uint32_t *b = ms_malloc(((size_t)n + 1) * sizeof *b);
    size_t *count = ms_malloc(((size_t)1 << 16) * sizeof *count);
    uint64_t all_or = 0, all_and = ~(uint64_t)0;
    for (uint32_t i = 0; i < n; i++) {
        a[i] = i;
        all_or |= h->id[i];
        all_and &= h->id[i];
    }
    for (int shift = 0; shift < 64; shift += 16) {
        if ((((all_or ^ all_and) >> shift) & 0xffff) == 0)
            continue;
        memset(count, 0, ((size_t)1 << 16) * sizeof *count);
        for (uint32_t i = 0; i < n; i++)
            count[(h->id[a[i]] >> shift) & 0xffff]++;
        size_t sum = 0;
        for (size_t d = 0; d < ((size_t)1 << 16); d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (uint32_t i = 0; i < n; i++)
            b[count[(h->id[a[i]] >> shift) & 0xffff]++] = a[i];
        uint32_t *t = a;
        a = b;
        b = t;
    }
    free(b);
    free(count);
    h->ids.order = a;
}

void ms_heap_index(ms_heap *h)
{
    if (h->ids.slots)
        return;
    int tasks = h->n >= 65536 ? ms_parallel_tasks() : 1;
    uint32_t bits = tasks > 1 ? 1 : 0;
    uint64_t want = ((uint64_t)h->n * 4 / 3 + 1) >> bits;
    uint32_t per = 1024;
    while (per < want && per < (1u << 30))
        per *= 2;
    ms_idmap *m = &h->ids;
    size_t nslots = (size_t)per << bits;
    m->slots = ms_malloc(nslots * sizeof(uint32_t));
    memset(m->slots, 0xff, nslots * sizeof(uint32_t));
    m->mask = per - 1;
    m->part_bits = bits;
    m->part_shift = (uint32_t)__builtin_ctz(per);
    ms_parallel_run(1 << bits, idmap_fill, h);
}
