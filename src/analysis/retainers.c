/* retainers.c — the objects retaining the most memory: a bounded heap
 * selects the top k in one pass over the dominator tree's numbers. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>

typedef struct pick {
    uint64_t retained, id;
    uint32_t node;
} pick;

/* a ranks before b: more retained, then smaller id. */
static bool before(const pick *a, const pick *b)
{
    return a->retained != b->retained ? a->retained > b->retained : a->id < b->id;
}

static int cmp_picks(const void *pa, const void *pb)
{
    const pick *a = pa, *b = pb;
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* Min-heap on rank: the root is the worst pick kept so far. */
static void sift_down(pick *hp, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < n && before(&hp[w], &hp[l]))
            w = l;
        if (r < n && before(&hp[w], &hp[r]))
            w = r;
        if (w == i)
            return;
        pick t = hp[i];
        hp[i] = hp[w];
        hp[w] = t;
        i = w;
    }
}

uint32_t *ms_top_retainers(const ms_heap *h, const ms_domtree *dt, uint32_t k,
                           uint32_t *count)
{
    size_t cap = k && k < dt->count ? k : dt->count;
    pick *hp = ms_malloc((cap ? cap : 1) * sizeof *hp);
    size_t n = 0;
    for (uint32_t i = 1; i <= dt->count; i++) {
        /* Most objects retain less than the worst kept: they are passed
         * over on their retained size alone, without reading their id (a
         * cache miss each on big heaps). */
        if (n == cap && cap && dt->retained[i] < hp[0].retained)
            continue;
        uint32_t v = dt->vertex[i];
        pick p = { dt->retained[i], h->id[v], v };
        if (n < cap) {
            hp[n++] = p;
            if (n == cap)
                for (size_t j = n / 2; j-- > 0;)
                    sift_down(hp, n, j);
        } else if (cap && before(&p, &hp[0])) {
            hp[0] = p;
            sift_down(hp, n, 0);
        }
    }
    qsort(hp, n, sizeof *hp, cmp_picks);
    uint32_t *out = ms_malloc((n ? n : 1) * sizeof *out);
    for (size_t j = 0; j < n; j++)
        out[j] = hp[j].node;
    free(hp);
    *count = (uint32_t)n;
    return out;
}
