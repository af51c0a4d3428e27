/* resolve.c — turning reference ids into node indices: a radix-partitioned
 * hash join (Manegold, Boncz, Kersten, "Optimizing main-memory join on
 * modern hardware", 2002; Balkesen et al., ICDE 2013).
 *
 * A plain hash map over all ids costs two cache misses per reference (the
 * slot, then the id it names) on maps far larger than the caches. Instead
 * both sides are first scattered by hash into P partitions with streaming
 * writes; then each partition's ids go into a small table that stays in
 * the L2 cache (up to 16M ids; past that P stops at 2^10 and the tables
 * grow), and that partition's references are looked up there. Each
 * phase is split between ms_parallel_tasks() threads: the scatters by input
 * ranges (per-thread histograms give every thread its own output ranges),
 * the join by partition ranges.
 *
 * The scattered copies hold each id's hash rather than the id: the hash
 * (a 64-bit mixer made of invertible steps) is a bijection, so equal hashes
 * mean equal ids, and the join need not hash again. Its top bits pick the
 * partition, its low bits the slot in the partition's table.
 *
 * The references' copies carry no position. The join writes its answers
 * in partition order over the hashes it has read, and a last pass puts
 * them in reference order by replaying the scatter: each reference's id is
 * hashed again, and its partition's next answer is its node. That pass
 * reads and writes in order. Writing each answer to its reference's
 * position from the join would cost a cache miss per reference, and 4
 * bytes a reference to carry the position, at the load's peak (on 10^8
 * objects, a fifth more time and half a gigabyte more memory).
 *
 * Duplicate ids show up while building a partition's table; nodes enter
 * each partition in increasing index order, so the lowest-index duplicate
 * of each partition is found, and the lowest over partitions reported. */
#include "resolve.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "memscope/strpool.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAXT 8
#define PART_TARGET 16384 /* ids per partition: the table fits in L2 */
/* At most 2^10 partitions: scattering into more costs more (TLB misses,
 * too many write streams) than bigger tables cost the join. On 10^8 ids,
 * 2^13 partitions scatter over twice as slowly as 2^10 and join only a
 * third faster; 2^9 scatter little faster and join more slowly. (A second
 * partitioning pass would keep both small.) */
#define MAX_BITS 10

typedef struct join {
    const uint64_t *ids;     /* [n] node ids */
    uint32_t n;
    const uint64_t *refs;    /* [m] reference target ids */
    uint64_t m;
    uint32_t *out;           /* [m] node index or MS_NONE */
    int tasks;
    unsigned bits;           /* log2(partitions) */
    uint32_t nparts;
    /* scattered copies */
    uint64_t *nid;           /* [n] hashed ids by partition */
    uint32_t *nidx;          /* [n] their node indices */
    uint64_t *rid;           /* [m] hashed reference ids by partition; then
                              * the join's answers, as 32-bit words */
    uint64_t *nstart, *rstart;    /* [nparts + 1] partition starts */
    uint64_t *ncount, *rcount;    /* [tasks * nparts] per-thread counts/offsets */
    uint64_t *answer_at;     /* [nparts] where partition p's answers start,
                              * in words of rid */
    uint64_t *cursor;        /* [tasks * nparts] each thread's next answer */
    bool in_place;           /* out lies over refs */
    uint32_t dup[MAXT], first[MAXT];
    uint64_t missing[MAXT];
    uint64_t miss_id[MAXT];  /* each thread's first unresolved reference id */
} join;

static inline uint32_t part_of(const join *j, uint64_t hash)
{
    return j->bits ? (uint32_t)(hash >> (64 - j->bits)) : 0;
}

static void range(uint64_t total, int tasks, int t, uint64_t *lo, uint64_t *hi)
{
    *lo = total * (uint64_t)t / (uint64_t)tasks;
    *hi = total * (uint64_t)(t + 1) / (uint64_t)tasks;
}

static void count_part(void *ctx, int t)
{
    join *j = ctx;
    uint64_t lo, hi;
    uint64_t *nc = j->ncount + (size_t)t * j->nparts, *rc = j->rcount + (size_t)t * j->nparts;
    memset(nc, 0, j->nparts * sizeof *nc);
    memset(rc, 0, j->nparts * sizeof *rc);
    range(j->n, j->tasks, t, &lo, &hi);
    for (uint64_t i = lo; i < hi; i++)
        nc[part_of(j, ms_hash_u64(j->ids[i]))]++;
    range(j->m, j->tasks, t, &lo, &hi);
    for (uint64_t e = lo; e < hi; e++)
        rc[part_of(j, ms_hash_u64(j->refs[e]))]++;
}

/* Turns per-thread counts into per-thread write offsets, thread-major
 * within each partition so that input order is kept. */
static void offsets(uint64_t *count, uint64_t *start, int tasks, uint32_t nparts)
{
    uint64_t pos = 0;
    for (uint32_t p = 0; p < nparts; p++) {
        start[p] = pos;
        for (int t = 0; t < tasks; t++) {
            uint64_t c = count[(size_t)t * nparts + p];
            count[(size_t)t * nparts + p] = pos;
            pos += c;
        }
    }
    start[nparts] = pos;
}

static void scatter_part(void *ctx, int t)
{
    join *j = ctx;
    uint64_t lo, hi;
    uint64_t *no = j->ncount + (size_t)t * j->nparts, *ro = j->rcount + (size_t)t * j->nparts;
    range(j->n, j->tasks, t, &lo, &hi);
    for (uint64_t i = lo; i < hi; i++) {
        uint64_t h = ms_hash_u64(j->ids[i]);
        uint64_t w = no[part_of(j, h)]++;
        j->nid[w] = h;
        j->nidx[w] = (uint32_t)i;
    }
    range(j->m, j->tasks, t, &lo, &hi);
    for (uint64_t e = lo; e < hi; e++) {
        uint64_t h = ms_hash_u64(j->refs[e]);
        j->rid[ro[part_of(j, h)]++] = h;
    }
}

/* Joins partitions [lo, hi) of this thread's share. */
static void join_part(void *ctx, int t)
{
    join *j = ctx;
    uint64_t plo, phi;
    range(j->nparts, j->tasks, t, &plo, &phi);
    j->dup[t] = MS_NONE;
    size_t cap = 0;
    uint64_t *key = NULL;
    uint32_t *val = NULL;
    /* Each answer is written over the hashed ids this thread has read,
     * packed from the start of its share: word 2 k0 + i of rid holds the
     * answer for rid[k0 + i], which is at or below the word being read. */
    uint64_t k0 = j->rstart[plo];
    uint32_t *answer = (uint32_t *)(void *)(j->rid + k0);
    for (uint64_t p = plo; p < phi; p++) {
        j->answer_at[p] = j->rstart[p] + k0;
        uint64_t n0 = j->nstart[p], n1 = j->nstart[p + 1];
        size_t slots = 16;
        while (slots < 2 * (n1 - n0))
            slots *= 2;
        if (slots > cap) {
            free(key);
            free(val);
            key = ms_malloc(slots * sizeof *key);
            val = ms_malloc(slots * sizeof *val);
            cap = slots;
        }
        memset(val, 0xff, slots * sizeof *val);
        size_t mask = slots - 1;
        /* Past 16M ids a table outgrows L2 (on 100M, 3 MB): each loop
         * fetches the slot of the entry AHEAD places on, whose hash it
         * has, so that the misses overlap (the join of such tables takes
         * about a sixth less time). */
        enum { AHEAD = 16 };
        for (uint64_t k = n0; k < n1; k++) {
            if (k + AHEAD < n1) {
                size_t ps = (size_t)j->nid[k + AHEAD] & mask;
                __builtin_prefetch(&key[ps], 1);
                __builtin_prefetch(&val[ps], 1);
            }
            uint64_t id = j->nid[k];
            size_t s = (size_t)id & mask;
            while (val[s] != MS_NONE) {
                if (key[s] == id) {
                    if (j->nidx[k] < j->dup[t]) {
                        j->dup[t] = j->nidx[k];
                        j->first[t] = val[s];
                    }
                    goto next_node;
                }
                s = (s + 1) & mask;
            }
            key[s] = id;
            val[s] = j->nidx[k];
        next_node:;
        }
        for (uint64_t k = j->rstart[p], rend = j->rstart[p + 1]; k < rend; k++) {
            if (k + AHEAD < rend) {
                size_t ps = (size_t)j->rid[k + AHEAD] & mask;
                __builtin_prefetch(&key[ps]);
                __builtin_prefetch(&val[ps]);
            }
            uint64_t id = j->rid[k];
            size_t s = (size_t)id & mask;
            uint32_t r = MS_NONE;
            while (val[s] != MS_NONE) {
                if (key[s] == id) {
                    r = val[s];
                    break;
                }
                s = (s + 1) & mask;
            }
            answer[k - k0] = r;
        }
    }
    free(key);
    free(val);
}

/* Puts the answers in reference order: each thread goes through the
 * references it scattered, in order, hashing each id again for its
 * partition and taking that partition's next answer. Its cursors start
 * where its scatter wrote (thread-major within each partition).
 *
 * out lies over refs: thread 0 writes out[e] over ids it has read; a later
 * thread, whose out range lies over an earlier thread's ids, packs its
 * answers from the start of its own ids and they are moved down once all
 * threads are done (ms_resolve_ids). */
static void replay_part(void *ctx, int t)
{
    join *j = ctx;
    uint64_t lo, hi;
    range(j->m, j->tasks, t, &lo, &hi);
    const uint32_t *answers = (const uint32_t *)(const void *)j->rid;
    uint64_t *cur = j->cursor + (size_t)t * j->nparts;
    uint32_t *dst = t > 0 && j->in_place ? j->out + lo : j->out;
    uint64_t missing = 0;
    for (uint64_t e = lo; e < hi; e++) {
        uint64_t id = j->refs[e];
        uint32_t r = answers[cur[part_of(j, ms_hash_u64(id))]++];
        dst[e] = r;
        if (r == MS_NONE && !missing++)
            j->miss_id[t] = id;
    }
    j->missing[t] = missing;
}

/* The answers in reference order (replay_part on each thread), and the
 * dangling references' count and first id. */
static void replay(join *j, uint64_t *missing, uint64_t *missing_id)
{
    /* The scatter left each thread's counters at the end of its share of
     * each partition: the next thread's start. */
    for (int t = 0; t < j->tasks; t++) {
        for (uint32_t p = 0; p < j->nparts; p++) {
            uint64_t start = t ? j->rcount[(size_t)(t - 1) * j->nparts + p] : j->rstart[p];
            j->cursor[(size_t)t * j->nparts + p] = j->answer_at[p] + (start - j->rstart[p]);
        }
    }
    ms_parallel_run(j->tasks, replay_part, j);
    *missing = 0;
    for (int t = 0; t < j->tasks; t++) {
        uint64_t lo, hi;
        range(j->m, j->tasks, t, &lo, &hi);
        if (t > 0 && j->in_place)
            memmove(j->out + lo, j->out + lo + lo, (hi - lo) * sizeof *j->out);
        if (j->missing[t] && !*missing)
            *missing_id = j->miss_id[t];
        *missing += j->missing[t];
    }
}

uint32_t ms_resolve_ids(const uint64_t *ids, uint32_t n, const uint64_t *refs, uint64_t m,
                        uint32_t *out, uint32_t *dup_first, uint64_t *missing,
                        uint64_t *missing_id)
{
    join j;
    memset(&j, 0, sizeof j);
    j.ids = ids;
    j.n = n;
    j.refs = refs;
    j.m = m;
    j.out = out;
    j.tasks = (uint64_t)n + m >= 65536 ? ms_parallel_tasks() : 1;
    uint64_t want = n / PART_TARGET;
    while ((1ull << j.bits) < want && j.bits < MAX_BITS)
        j.bits++;
    j.nparts = 1u << j.bits;
    j.nid = ms_malloc(((size_t)n + 1) * sizeof *j.nid);
    j.nidx = ms_malloc(((size_t)n + 1) * sizeof *j.nidx);
    j.rid = ms_malloc(((size_t)m + 1) * sizeof *j.rid);
    j.nstart = ms_malloc(((size_t)j.nparts + 1) * sizeof *j.nstart);
    j.rstart = ms_malloc(((size_t)j.nparts + 1) * sizeof *j.rstart);
    j.ncount = ms_malloc((size_t)j.tasks * j.nparts * sizeof *j.ncount);
    j.rcount = ms_malloc((size_t)j.tasks * j.nparts * sizeof *j.rcount);
    j.cursor = ms_malloc((size_t)j.tasks * j.nparts * sizeof *j.cursor);
    j.answer_at = ms_malloc(((size_t)j.nparts + 1) * sizeof *j.answer_at);
    j.in_place = (const void *)out == (const void *)refs;
    ms_parallel_run(j.tasks, count_part, &j);
    offsets(j.ncount, j.nstart, j.tasks, j.nparts);
    offsets(j.rcount, j.rstart, j.tasks, j.nparts);
    ms_parallel_run(j.tasks, scatter_part, &j);
    ms_parallel_run(j.tasks, join_part, &j);
    uint32_t dup = MS_NONE;
    for (int t = 0; t < j.tasks; t++) {
        if (j.dup[t] < dup) {
            dup = j.dup[t];
            *dup_first = j.first[t];
        }
    }
    if (dup == MS_NONE)
        replay(&j, missing, missing_id);
    free(j.nid);
    free(j.nidx);
    free(j.rid);
    free(j.cursor);
    free(j.answer_at);
    free(j.nstart);
    free(j.rstart);
    free(j.ncount);
    free(j.rcount);
    return dup;
}
