/* types.c — the type histogram: count, shallow bytes and retained bytes per
 * type name. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

typedef struct sort_ctx {
    const ms_heap *h;
    ms_type_sort key;
} sort_ctx;

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
    return a < b ? 1 : a > b ? -1 : 0;
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const ms_type_row *a = pa, *b = pb;
    ms_type_sort sort_key = ((const sort_ctx *)ctx)->key;
    const ms_heap *sort_heap = ((const sort_ctx *)ctx)->h;
    int c = 0;
    if (sort_key == MS_SORT_RETAINED)
        c = cmp_u64_desc(a->retained, b->retained);
    if (!c)
        c = sort_key == MS_SORT_COUNT ? cmp_u64_desc(a->count, b->count)
                                      : cmp_u64_desc(a->bytes, b->bytes);
    if (!c)
        c = sort_key == MS_SORT_COUNT ? cmp_u64_desc(a->bytes, b->bytes)
                                      : cmp_u64_desc(a->count, b->count);
    if (!c)
        c = strcmp(ms_heap_str(sort_heap, a->type), ms_heap_str(sort_heap, b->type));
    return c;
}

ms_type_row *ms_type_histogram(const ms_heap *h, ms_type_sort sort, uint32_t *nrows)
{
    return ms_key_histogram(h, h->type, sort, nrows);
}

ms_type_row *ms_key_histogram(const ms_heap *h, const uint32_t *key, ms_type_sort sort,
                              uint32_t *nrows)
{
    /* Type names are string indices: count into a table over the pool. */
    uint32_t ns = h->strings.count;
    uint32_t *slot = ms_malloc((size_t)ns * sizeof *slot);
    memset(slot, 0xff, (size_t)ns * sizeof *slot);
    ms_type_row *rows = NULL;
    size_t cap = 0;
    uint32_t k = 0;
    for (uint32_t i = 0; i < h->n; i++) {
        uint32_t t = key[i];
        if (slot[t] == UINT32_MAX) {
            MS_GROW(rows, cap, (size_t)k + 1);
            rows[k] = (ms_type_row){ .type = t };
            slot[t] = k++;
        }
        ms_type_row *r = &rows[slot[t]];
        r->count++;
        r->bytes += ms_heap_size(h, i);
    }
    free(slot);
    sort_ctx ctx = { h, sort };
    if (k)
        qsort_r(rows, k, sizeof *rows, cmp_rows, &ctx);
    *nrows = k;
    return rows;
}

void ms_type_retained(const ms_heap *h, const ms_domtree *dt, ms_type_row *rows,
                      uint32_t nrows, ms_type_sort sort)
{
    ms_key_retained(h, h->type, dt, rows, nrows, sort);
}

void ms_key_retained(const ms_heap *h, const uint32_t *key, const ms_domtree *dt,
                     ms_type_row *rows, uint32_t nrows, ms_type_sort sort)
{
    uint64_t *by_key = ms_key_retained_by_key(h, key, dt);
    ms_rows_set_retained(h, rows, nrows, by_key, sort);
    free(by_key);
}

uint64_t *ms_key_retained_by_key(const ms_heap *h, const uint32_t *key, const ms_domtree *dt)
{
    /* The group of each number, in one pass that reads the graph's keys in
     * an order the prefetcher can follow, so the walk below stays within
     * the tree's own arrays. Groups are numbered as keys are first met;
     * the last, ngroups, is "no key" (number 0, the virtual root): empty. */
    uint32_t ns = h->strings.count;
    uint32_t *group = ms_malloc(((size_t)ns + 1) * sizeof *group);
    memset(group, 0xff, ((size_t)ns + 1) * sizeof *group);
    uint32_t *gkey = NULL;
    size_t gcap = 0;
    uint32_t ngroups = 0;
    size_t c1 = (size_t)dt->count + 1;
    uint32_t *gof = ms_malloc(c1 * sizeof *gof);
    for (size_t i = 1; i < c1; i++) {
        uint32_t k = key[dt->vertex[i]];
        if (group[k] == UINT32_MAX) {
            MS_GROW(gkey, gcap, (size_t)ngroups + 1);
            gkey[ngroups] = k;
            group[k] = ngroups++;
        }
        gof[i] = group[k];
    }
    gof[0] = ngroups;
    free(group);
    uint32_t *off = ms_malloc(((size_t)ngroups + 2) * sizeof *off);
    for (uint32_t g = 0; g <= ngroups; g++)
        off[g] = g;
    off[ngroups + 1] = ngroups;
    uint64_t *ret = ms_calloc((size_t)ngroups + 1, sizeof *ret);
    ms_groups_retained(dt, gof, off, off, ngroups, ret);
    free(off);
    free(gof);
    /* By key: the pages of keys never met are left unwritten. */
    uint64_t *by_key = ms_calloc_lazy((size_t)ns + 1, sizeof *by_key);
    for (uint32_t g = 0; g < ngroups; g++)
        by_key[gkey[g]] = ret[g];
    free(ret);
    free(gkey);
    return by_key;
}

void ms_rows_set_retained(const ms_heap *h, ms_type_row *rows, uint32_t nrows,
                          const uint64_t *by_key, ms_type_sort sort)
{
    for (uint32_t r = 0; r < nrows; r++)
        rows[r].retained = by_key[rows[r].type];
    sort_ctx ctx = { h, sort };
    if (nrows > 1)
        qsort_r(rows, nrows, sizeof *rows, cmp_rows, &ctx);
}

/* The groups on the current dominator-tree path, for ms_groups_retained:
 * active[g] counts the objects of group g on it. */
typedef struct group_path {
    const uint32_t *key, *off, *list;
    const uint64_t *size;  /* each number's retained size */
    uint32_t *active;
    uint64_t *retained;
} group_path;

/* Number c joins the path: each of its groups with no object on it yet
 * takes c's retained size. */
static inline void path_enter(const group_path *g, uint32_t c)
{
    for (uint32_t x = g->off[g->key[c]]; x < g->off[g->key[c] + 1]; x++)
        if (g->active[g->list[x]]++ == 0)
            g->retained[g->list[x]] += g->size[c];
}

static inline void path_leave(const group_path *g, uint32_t c)
{
    for (uint32_t x = g->off[g->key[c]]; x < g->off[g->key[c] + 1]; x++)
        g->active[g->list[x]]--;
}

void ms_groups_retained(const ms_domtree *dt, const uint32_t *key, const uint32_t *off,
                        const uint32_t *list, uint32_t ngroups, uint64_t *retained)
{
    /* A group takes an object's retained size only when no other object
     * of the group is on the path above it. */
    group_path g = { key, off, list, dt->retained, ms_calloc((size_t)ngroups + 1, sizeof(uint32_t)),
                     retained };
    size_t c1 = (size_t)dt->count + 1;
    uint32_t *snum = ms_malloc(c1 * sizeof *snum), *spos = ms_malloc(c1 * sizeof *spos);
    size_t sp = 0;
    snum[sp] = 0;
    spos[sp++] = dt->kid_off[0];
    const uint32_t *kids = dt->kids, *kid_off = dt->kid_off;
    enum { AHEAD = 8 };
    while (sp) {
        uint32_t i = snum[sp - 1], k = spos[sp - 1], end = kid_off[i + 1];
        /* The children's lists are read in turn: what is read of each child
         * is fetched AHEAD children on, so that the misses overlap. A
         * childless child (most are) is entered and left on the spot; one
         * with children stays on the path, pushed. */
        for (; k < end; k++) {
            if (k + AHEAD < end) {
                uint32_t a = kids[k + AHEAD];
                __builtin_prefetch(&key[a]);
                __builtin_prefetch(&kid_off[a]);
                __builtin_prefetch(&dt->retained[a]);
            }
            uint32_t c = kids[k];
            path_enter(&g, c);
            if (kid_off[c] != kid_off[c + 1])
                break;
            path_leave(&g, c);
        }
        if (k < end) {
            spos[sp - 1] = k + 1;
            snum[sp] = kids[k];
            spos[sp++] = kid_off[kids[k]];
            continue;
        }
        sp--;
        if (i)
            path_leave(&g, i);
    }
    free(snum);
    free(spos);
    free(g.active);
}
