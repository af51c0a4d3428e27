/* sites.c — objects grouped by allocation site (see analysis.h): counts,
 * shallow bytes, retained bytes without double counting, and the types
 * made at each site.
 *
 * A site is the innermost N frames of an object's allocation stack (the
 * graph's ms_sites tree), or with cumulative every frame of it, as
 * tracemalloc's statistics('lineno') and statistics(..., cumulative=True)
 * group memory blocks. Each stack's groups are worked out once. Retained
 * bytes: a group counts the retained size of each of its objects that no
 * other object of the group dominates (ms_groups_retained, as type retained
 * sizes are). */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

/* Each stack's groups, as CSR: groups of stack s are list[off[s] .. off[s+1]). */
typedef struct groups {
    uint32_t *off, *list;
} groups;

/* The group of each stack's innermost `frames` frames, joined by " <- ". */
static void group_frames(const ms_heap *h, ms_site_table *t, uint32_t frames, groups *g)
{
    const ms_sites *st = &h->sites;
    g->off = ms_malloc(((size_t)st->count + 2) * sizeof *g->off);
    g->list = ms_malloc(((size_t)st->count + 1) * sizeof *g->list);
    char *key = NULL;
    size_t cap = 0;
    for (uint32_t s = 0; s < st->count; s++) {
        size_t n = 0;
        uint32_t k = 0;
        for (uint32_t f = s; f != MS_NONE && k < frames; f = st->parent[f], k++) {
            const char *fr = ms_heap_str(h, st->frame[f]);
            size_t fn = strlen(fr);
            MS_GROW(key, cap, n + fn + 5);
            if (k) {
                memcpy(key + n, " <- ", 4);
                n += 4;
            }
            memcpy(key + n, fr, fn);
            n += fn;
        }
        g->off[s] = s;
        g->list[s] = ms_strpool_intern(&t->names, n ? key : "", n);
    }
    g->off[st->count] = g->off[st->count + 1] = st->count;
    free(key);
}

/* Every distinct frame of each stack, a group each. A frame string's group
 * is looked up once (gid), and stamp[f] == s + 1 marks frame f as met in
 * stack s (recursion: a frame counts once per stack). */
static void group_cumulative(const ms_heap *h, ms_site_table *t, groups *g)
{
    const ms_sites *st = &h->sites;
    size_t ns = (size_t)h->strings.count + 1;
    uint32_t *gid = ms_calloc(ns, sizeof *gid), *stamp = ms_calloc(ns, sizeof *stamp);
    g->off = ms_malloc(((size_t)st->count + 2) * sizeof *g->off);
    g->list = NULL;
    size_t cap = 0, n = 0;
    for (uint32_t s = 0; s < st->count; s++) {
        g->off[s] = (uint32_t)n;
        for (uint32_t f = s; f != MS_NONE; f = st->parent[f]) {
            uint32_t fs = st->frame[f];
            if (stamp[fs] == s + 1)
                continue;
            stamp[fs] = s + 1;
            if (!gid[fs]) {
                const char *fr = ms_heap_str(h, fs);
                gid[fs] = ms_strpool_intern(&t->names, fr, strlen(fr)) + 1;
            }
            MS_GROW(g->list, cap, n + 1);
            g->list[n++] = gid[fs] - 1;
        }
    }
    g->off[st->count] = g->off[st->count + 1] = (uint32_t)n;
    free(gid);
    free(stamp);
}

static int cmp_pairs(const void *pa, const void *pb)
{
    const uint64_t *a = pa, *b = pb;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

/* Count and bytes per group, and per (group, type). */
static void count_groups(const ms_heap *h, ms_site_table *t, const groups *g)
{
    uint32_t ng = t->names.count;
    t->rows = ms_calloc((size_t)ng + 1, sizeof *t->rows);
    t->nrows = ng;
    uint64_t *pairs = NULL; /* (group << 32 | type, bytes) */
    size_t cap = 0, np = 0;
    for (uint32_t v = 0; v < h->n; v++) {
        uint64_t sz = ms_heap_size(h, v);
        if (!h->site[v]) {
            t->unattributed++;
            t->unattributed_bytes += sz;
            continue;
        }
        uint32_t s = h->site[v] - 1;
        for (uint32_t x = g->off[s]; x < g->off[s + 1]; x++) {
            ms_site_row *r = &t->rows[g->list[x]];
            r->count++;
            r->bytes += sz;
            MS_GROW(pairs, cap, 2 * (np + 1));
            pairs[2 * np] = (uint64_t)g->list[x] << 32 | h->type[v];
            pairs[2 * np++ + 1] = sz;
        }
    }
    if (np > 1) /* pairs is NULL when no site has a frame: fuzz_analyze */
        qsort(pairs, np, 2 * sizeof *pairs, cmp_pairs);
    size_t tcap = 0;
    for (size_t i = 0; i < np;) {
        uint64_t key = pairs[2 * i];
        ms_site_type st = { .type = (uint32_t)key };
        for (; i < np && pairs[2 * i] == key; i++) {
            st.count++;
            st.bytes += pairs[2 * i + 1];
        }
        ms_site_row *r = &t->rows[key >> 32];
        if (!r->ntypes)
            r->types = (uint32_t)t->ntypes;
        r->ntypes++;
        if (st.bytes > r->top_bytes || (st.bytes == r->top_bytes && !r->top_type)) {
            r->top_type = st.type;
            r->top_bytes = st.bytes;
        }
        MS_GROW(t->types, tcap, (size_t)t->ntypes + 1);
        t->types[t->ntypes++] = st;
    }
    free(pairs);
}

/* Retained bytes per group (ms_groups_retained): each number's key is its
 * object's stack, or the empty list after the last stack. */
static void retain_groups(const ms_heap *h, const ms_domtree *dt, ms_site_table *t,
                          const groups *g)
{
    uint32_t none = h->sites.count;
    uint32_t *key = ms_malloc(((size_t)dt->count + 1) * sizeof *key);
    key[0] = none;
    for (uint32_t i = 1; i <= dt->count; i++) {
        uint32_t site = h->site[dt->vertex[i]];
        key[i] = site ? site - 1 : none;
    }
    uint64_t *ret = ms_calloc((size_t)t->nrows + 1, sizeof *ret);
    ms_groups_retained(dt, key, g->off, g->list, t->nrows, ret);
    for (uint32_t k = 0; k < t->nrows; k++)
        t->rows[k].retained = ret[k];
    free(ret);
    free(key);
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const ms_site_row *a = pa, *b = pb;
    const ms_site_table *t = ctx;
    uint64_t x = t->sort == MS_SORT_COUNT ? a->count : t->sort == MS_SORT_BYTES ? a->bytes
                                                                                 : a->retained;
    uint64_t y = t->sort == MS_SORT_COUNT ? b->count : t->sort == MS_SORT_BYTES ? b->bytes
                                                                                 : b->retained;
    if (x != y)
        return x < y ? 1 : -1;
    if (a->bytes != b->bytes)
        return a->bytes < b->bytes ? 1 : -1;
    return strcmp(ms_strpool_get(&t->names, a->key), ms_strpool_get(&t->names, b->key));
}

void ms_sites_group(const ms_heap *h, const ms_domtree *dt, uint32_t frames, bool cumulative,
                    ms_type_sort sort, ms_site_table *t)
{
    memset(t, 0, sizeof *t);
    ms_strpool_init(&t->names);
    t->sort = sort;
    if (!h->site)
        return;
    groups g;
    if (cumulative)
        group_cumulative(h, t, &g);
    else
        group_frames(h, t, frames ? frames : 1, &g);
    count_groups(h, t, &g);
    retain_groups(h, dt, t, &g);
    free(g.off);
    free(g.list);
    /* Keep the groups that have objects, in order. */
    uint32_t n = 0;
    for (uint32_t k = 0; k < t->nrows; k++)
        if (t->rows[k].count) {
            t->rows[k].key = k;
            t->rows[n++] = t->rows[k];
        }
    t->nrows = n;
    if (n > 1)
        qsort_r(t->rows, n, sizeof *t->rows, cmp_rows, t);
}

void ms_site_table_free(ms_site_table *t)
{
    free(t->rows);
    free(t->types);
    ms_strpool_free(&t->names);
    memset(t, 0, sizeof *t);
}
