/* preds.c — predecessor lists: the reverse CSRs of the graph's references,
 * over node indices (ms_heap_reverse, ms_heap_preds) or over the numbers
 * the dominator tree gives the nodes it reaches (ms_heap_reverse_numbered,
 * a counting sort or a radix sort by size), and in-degrees. */
#include "memscope/heap.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "preds.h"

#include <stdlib.h>
#include <string.h>

/* The one counting sort behind the reverse CSRs: num NULL lists by node
 * (entries: referrer node, or edge with edges), else by num[] (entries:
 * referrer number; referrers numbered 0 skipped, or with indeg given, listed
 * as 0).
 *
 * Both passes touch num[], off[] or pos[] at random. Prefetching hides most
 * of the cache misses: with num, in two steps (num[] of the edge FAR ahead,
 * then the counter of the edge NEAR ahead, whose num[] has arrived by
 * then). Edges of nodes left out are prefetched too, which costs less than
 * testing for them. */
enum { NEAR = 12, FAR = 24 };
#define AHEAD(num, to, m, slots, plus, e)                                     \
    do {                                                                      \
        if ((e) + FAR < (m)) {                                                \
            if (num) {                                                        \
                __builtin_prefetch(&(num)[(to)[(e) + FAR]]);                  \
                __builtin_prefetch(&(slots)[(num)[(to)[(e) + NEAR]] + (plus)], 1); \
            } else {                                                          \
                __builtin_prefetch(&(slots)[(to)[(e) + NEAR] + (plus)], 1);   \
            }                                                                 \
        }                                                                     \
    } while (0)

/* off[1 + list] = the length of each list; num and indeg as for reverse. */
static void count_lists(const ms_heap *h, const uint32_t *num, const uint32_t *indeg, bool weak,
                        uint32_t *off)
{
    const uint32_t *to = h->edge_to, *eoff = h->edge_off;
    const uint8_t *kind = h->edge_kind;
    uint32_t n = h->n, m = h->m;
    if (indeg) {
        for (uint32_t v = 0; v < n; v++)
            if (num[v])
                off[num[v] + 1] = indeg[v];
        return;
    }
    for (uint32_t v = 0; v < n; v++) {
        if (num && !num[v])
            continue;
        for (uint32_t e = eoff[v], end = eoff[v + 1]; e < end; e++) {
            AHEAD(num, to, m, off, 1, e);
            if (weak || kind[e] != MS_EDGE_WEAK)
                off[(num ? num[to[e]] : to[e]) + 1]++;
        }
    }
}

static void reverse(const ms_heap *h, const uint32_t *num, const uint32_t *indeg, uint32_t lists,
                    bool weak, bool edges, uint32_t **off_out, uint32_t **from_out)
{
    uint32_t *off = ms_calloc((size_t)lists + 1, sizeof *off);
    count_lists(h, num, indeg, weak, off);
    for (uint32_t i = 0; i < lists; i++)
        off[i + 1] += off[i];
    uint32_t *from = ms_malloc((size_t)off[lists] * sizeof *from + 1);
    uint32_t *pos = ms_malloc(((size_t)lists + 1) * sizeof *pos);
    memcpy(pos, off, ((size_t)lists + 1) * sizeof *pos);
    const uint32_t *to = h->edge_to, *eoff = h->edge_off;
    const uint8_t *kind = h->edge_kind;
    uint32_t n = h->n, m = h->m;
    for (uint32_t v = 0; v < n; v++) {
        if (num && !num[v] && !indeg)
            continue;
        uint32_t src = num ? num[v] : v;
        for (uint32_t e = eoff[v], end = eoff[v + 1]; e < end; e++) {
            AHEAD(num, to, m, pos, 0, e);
            if (!weak && kind[e] == MS_EDGE_WEAK)
                continue;
            uint32_t t = num ? num[to[e]] : to[e];
            if (!num || t)
                from[pos[t]++] = edges ? e : src;
        }
    }
    free(pos);
    *off_out = off;
    *from_out = from;
}

void ms_heap_reverse(const ms_heap *h, bool weak, bool edges, uint32_t **off_out,
                     uint32_t **from_out)
{
    reverse(h, NULL, NULL, h->n, weak, edges, off_out, from_out);
}

/* ms_reverse_numbered_radix: a two-pass radix sort. The direct counting
 * sort above costs three cache misses a reference (the target's number,
 * its counter, the slot). Here the first pass reads each target's number
 * (fetched FAR ahead) and appends the referrer to the part of 2^PART_BITS
 * numbers the target falls in, with the target's low bits beside it: one
 * write stream a part, in order. The second pass sorts each part by those
 * bits within a span that stays in cache: through a scratch buffer, or for
 * a part too big for it (a node with a huge in-degree) in place, by
 * American flag sort (McIlroy, Bostic, McIlroy, "Engineering radix sort",
 * 1993). Lists come out in no particular order. */
enum { PART_BITS = 16 };

/* Sorts the entries of the numbers base..base+span-1 (from off[base] on) by
 * their low bits: through scratch (room for SCRATCH entries) when they fit,
 * else in place. next[] is scratch for span counters. */
enum { SCRATCH = 1 << 18 };
static void sort_part(const uint32_t *off, uint32_t base, uint32_t span, uint32_t *from,
                      uint16_t *low, uint32_t *next, uint32_t *scratch)
{
    uint32_t ps = off[base], pe = off[base + span];
    if (pe - ps <= SCRATCH) {
        for (uint32_t j = 0; j < span; j++)
            next[j] = off[base + j] - ps;
        for (uint32_t k = ps; k < pe; k++)
            scratch[next[low[k]]++] = from[k];
        memcpy(from + ps, scratch, (size_t)(pe - ps) * sizeof *from);
        return;
    }
    for (uint32_t j = 0; j < span; j++)
        next[j] = off[base + j];
    for (uint32_t j = 0; j < span; j++) {
        uint32_t end = off[base + j + 1];
        while (next[j] < end) {
            uint32_t k = next[j];
            uint32_t d = low[k];
            if (d == j) {
                next[j]++;
                continue;
            }
            /* Follow the cycle of displaced entries until one belongs at k. */
            uint32_t s = from[k];
            do {
                uint32_t dst = next[d]++;
                uint32_t d2 = low[dst], s2 = from[dst];
                low[dst] = (uint16_t)d;
                from[dst] = s;
                d = d2;
                s = s2;
            } while (d != j);
            from[k] = s;
            next[j]++;
        }
    }
}

/* The second pass, the parts shared out among tasks in turn. */
typedef struct sort_job {
    const uint32_t *off;
    size_t lists;
    uint32_t *from;
    uint16_t *low;
    int tasks;
} sort_job;

static void sort_parts(void *ctx, int t)
{
    sort_job *j = ctx;
    const size_t part = (size_t)1 << PART_BITS;
    uint32_t *next = ms_malloc(part * sizeof *next);
    uint32_t *scratch = ms_malloc((size_t)SCRATCH * sizeof *scratch);
    for (size_t base = (size_t)t * part; base < j->lists; base += (size_t)j->tasks * part) {
        size_t span = j->lists - base < part ? j->lists - base : part;
        sort_part(j->off, (uint32_t)base, (uint32_t)span, j->from, j->low, next, scratch);
    }
    free(next);
    free(scratch);
}

/* The first pass, on two threads when allowed: the first takes the nodes
 * whose references come before the middle one and fills each part from its
 * start, the second the rest from its end down. A part's length is known,
 * so the two meet exactly. */
typedef struct scatter_job {
    const ms_heap *h;
    const uint32_t *num, *indeg;
    bool weak;
    uint32_t mid;     /* the second thread's first node */
    uint32_t *from;
    uint16_t *low;
    uint32_t *cur[2]; /* per part: next slot (first thread), end of free slots (second) */
    int tasks;
} scatter_job;

static void scatter_parts(void *ctx, int t)
{
    scatter_job *j = ctx;
    const ms_heap *h = j->h;
    const uint32_t *to = h->edge_to, *eoff = h->edge_off, *num = j->num;
    const uint8_t *kind = h->edge_kind;
    uint32_t n = h->n, m = h->m;
    uint32_t lo = t == 0 ? 0 : j->mid, hi = j->tasks == 1 || t == 1 ? n : j->mid;
    uint32_t *cur = j->cur[t];
    uint32_t *from = j->from;
    uint16_t *low = j->low;
    for (uint32_t v = lo; v < hi; v++) {
        uint32_t src = num[v];
        if (!src && !j->indeg)
            continue;
        for (uint32_t e = eoff[v], end = eoff[v + 1]; e < end; e++) {
            if (e + FAR < m)
                __builtin_prefetch(&num[to[e + FAR]]);
            if (!j->weak && kind[e] == MS_EDGE_WEAK)
                continue;
            uint32_t tn = num[to[e]];
            if (!tn)
                continue;
            uint32_t k = t == 0 ? cur[tn >> PART_BITS]++ : --cur[tn >> PART_BITS];
            from[k] = src;
            low[k] = (uint16_t)(tn & ((1u << PART_BITS) - 1));
        }
    }
}

void ms_reverse_numbered_radix(const ms_heap *h, const uint32_t *num, uint32_t count, bool weak,
                               const uint32_t *indeg, uint32_t **off_out, uint32_t **from_out)
{
    size_t lists = (size_t)count + 1;
    uint32_t *off = ms_calloc(lists + 1, sizeof *off);
    count_lists(h, num, indeg, weak, off);
    for (size_t i = 0; i < lists; i++)
        off[i + 1] += off[i];
    size_t total = off[lists];
    uint32_t *from = ms_malloc(total * sizeof *from + 1);
    uint16_t *low = ms_malloc(total * sizeof *low + 1);
    size_t parts = (lists >> PART_BITS) + 1;
    scatter_job sc = { h, num, indeg, weak, 0, from, low, { NULL, NULL },
                       ms_parallel_tasks() > 1 ? 2 : 1 };
    sc.mid = ms_heap_first_node_from(h, 0, h->m / 2);
    for (int t = 0; t < sc.tasks; t++) {
        sc.cur[t] = ms_malloc(parts * sizeof *sc.cur[t]);
        for (size_t p = 0; p < parts; p++) {
            size_t at = (t == 0 ? p : p + 1) << PART_BITS;
            sc.cur[t][p] = off[at < lists ? at : lists];
        }
    }
    ms_parallel_run(sc.tasks, scatter_parts, &sc);
    free(sc.cur[0]);
    free(sc.cur[1]);
    sort_job sj = { off, lists, from, low, ms_parallel_tasks() };
    ms_parallel_run(sj.tasks, sort_parts, &sj);
    free(low);
    *off_out = off;
    *from_out = from;
}

void ms_reverse_numbered_direct(const ms_heap *h, const uint32_t *num, uint32_t count,
                                bool weak, const uint32_t *indeg, uint32_t **off_out,
                                uint32_t **from_out)
{
    reverse(h, num, indeg, count + 1, weak, false, off_out, from_out);
}

/* Which sort: below RADIX_FROM numbers the direct one's misses overlap
 * well and its single pass mostly wins; on bigger heaps the radix sort's
 * streams do. With a few million numbers (a 560 MB V8 snapshot) the
 * direct sort's dominator pass takes a sixth less time; around 2^24 the
 * two are within a few per cent; with 10^8 the radix sort, both passes on
 * two threads, takes about half the time. */
enum { RADIX_FROM = 1 << 24 };

void ms_heap_reverse_numbered(const ms_heap *h, const uint32_t *num, uint32_t count, bool weak,
                              const uint32_t *indeg, uint32_t **off_out, uint32_t **from_out)
{
    if (count >= RADIX_FROM)
        ms_reverse_numbered_radix(h, num, count, weak, indeg, off_out, from_out);
    else
        ms_reverse_numbered_direct(h, num, count, weak, indeg, off_out, from_out);
}

uint32_t *ms_heap_indegree(const ms_heap *h)
{
    uint32_t *in = ms_calloc((size_t)h->n + 1, sizeof *in);
    for (uint32_t e = 0; e < h->m; e++) {
        AHEAD((const uint32_t *)NULL, h->edge_to, h->m, in, 0, e);
        if (h->edge_kind[e] != MS_EDGE_WEAK)
            in[h->edge_to[e]]++;
    }
    return in;
}

void ms_heap_preds(ms_heap *h)
{
    if (!h->in_off)
        ms_heap_reverse(h, true, false, &h->in_off, &h->in_from);
}
