/* diff.c — what changed between dumps of one process (see analysis.h):
 * matching objects across two graphs, the per-type comparison (DevTools'
 * Comparison view, calculateSnapshotDiff, plus retained sizes), the objects
 * whose retained size grew most (MAT's comparison of dominator trees), and
 * the leaks of three dumps clustered by the way they are retained (memlab's
 * baseline/target/final method).
 *
 * Matching is by id through the earlier graph's id map; across string
 * pools a type is compared through a map from the later graph's type names
 * to the earlier's (one lookup per distinct type, not per object). Leaks are
 * folded along FINAL's dominator tree in DFS preorder, where a dominator
 * comes before what it dominates: one linear pass, no recursion. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* For each type string of b, the same name's string index in a, or MS_NONE.
 * a's pool is sealed (finding in it compares every string), so a's type
 * names go into a pool of their own first, where b's are then found. */
static uint32_t *type_map(const ms_heap *a, const ms_heap *b)
{
    ms_strpool names;
    ms_strpool_init(&names);
    size_t cap = 0;
    uint32_t *of_name = NULL; /* names' index -> a's string index */
    MS_GROW(of_name, cap, 1);
    of_name[0] = 0; /* the empty string, index 0 in every pool */
    uint8_t *seen = ms_calloc((size_t)a->strings.count + 1, 1);
    for (uint32_t i = 0; i < a->n; i++) {
        uint32_t t = a->type[i];
        if (seen[t])
            continue;
        seen[t] = 1;
        uint32_t k = ms_strpool_intern(&names, ms_heap_str(a, t), ms_strpool_len(&a->strings, t));
        MS_GROW(of_name, cap, (size_t)k + 1);
        of_name[k] = t;
    }
    free(seen);
    uint32_t *map = ms_malloc(((size_t)b->strings.count + 1) * sizeof *map);
    memset(map, 0xff, ((size_t)b->strings.count + 1) * sizeof *map);
    for (uint32_t j = 0; j < b->n; j++) {
        uint32_t t = b->type[j];
        if (map[t] != MS_NONE)
            continue;
        uint32_t f = ms_strpool_find(&names, ms_heap_str(b, t), ms_strpool_len(&b->strings, t));
        map[t] = f == UINT32_MAX ? MS_NONE - 1 : of_name[f]; /* MS_NONE - 1: looked up, absent */
    }
    free(of_name);
    ms_strpool_free(&names);
    return map;
}

/* The highest GC generation (+ 1) in h: about its GC count when dumped. */
static uint32_t max_gen(const ms_heap *h)
{
    uint32_t m = 0;
    for (uint32_t i = 0; h->gen && i < h->n; i++)
        m = h->gen[i] > m ? h->gen[i] : m;
    return m;
}

/* Whether node i of a and node j of b have the same size and label. */
static bool same_value(const ms_heap *a, uint32_t i, const ms_heap *b, uint32_t j)
{
    if (ms_heap_size(a, i) != ms_heap_size(b, j))
        return false;
    return strcmp(ms_heap_str(a, a->label[i]), ms_heap_str(b, b->label[j])) == 0;
}

uint64_t ms_diff_match(ms_heap *a, const ms_heap *b, bool same_type, uint32_t *match,
                       uint8_t *same)
{
    uint32_t *tmap = type_map(a, b);
    /* Ruby reuses slots (and GC.compact moves objects): an object of b
     * allocated after a's latest generation is new whatever its address. */
    uint32_t a_gen = b->gen ? max_gen(a) : 0;
    uint64_t matched = 0;
    bool indexed = false;
    uint32_t next = 0; /* dumps of one process list objects mostly in the same order */
    for (uint32_t j = 0; j < b->n; j++) {
        uint32_t i = next < a->n && a->id[next] == b->id[j] ? next : MS_NONE;
        if (i == MS_NONE) {
            if (!indexed) {
                ms_heap_index(a);
                indexed = true;
            }
            i = ms_heap_find(a, b->id[j]);
        }
        if (i != MS_NONE)
            next = i + 1;
        bool st = i != MS_NONE && tmap[b->type[j]] == a->type[i];
        if (same)
            same[j] = st;
        if (i != MS_NONE && same_type && !st)
            i = MS_NONE;
        if (i != MS_NONE && a_gen && b->gen[j] > a_gen)
            i = MS_NONE;
        if (i != MS_NONE && same_type && b->role && (b->role[j] & MS_ROLE_VALUE) &&
            !same_value(a, i, b, j))
            i = MS_NONE;
        match[j] = i;
        matched += i != MS_NONE;
    }
    free(tmap);
    return matched;
}

/* The row of type name t of h in d, added if new. */
static ms_diff_row *row_for(ms_diff *d, const ms_heap *h, uint32_t t)
{
    uint32_t k = ms_strpool_intern(&d->names, ms_heap_str(h, t), ms_strpool_len(&h->strings, t));
    if (k >= d->nmap) {
        size_t old = d->nmap;
        MS_GROW(d->rowmap, d->nmap, (size_t)k + 1);
        for (size_t x = old; x < d->nmap; x++)
            d->rowmap[x] = MS_NONE;
    }
    if (d->rowmap[k] == MS_NONE) {
        MS_GROW(d->rows, d->rowcap, (size_t)d->nrows + 1);
        d->rows[d->nrows] = (ms_diff_row){ .type = k };
        d->rowmap[k] = d->nrows++;
    }
    return &d->rows[d->rowmap[k]];
}

/* The rows of h's type strings, looked up once each. */
static uint32_t *rows_of(ms_diff *d, const ms_heap *h, const ms_type_row *types, uint32_t ntypes)
{
    uint32_t *rows = ms_malloc(((size_t)h->strings.count + 1) * sizeof *rows);
    for (uint32_t r = 0; r < ntypes; r++)
        rows[types[r].type] = (uint32_t)(row_for(d, h, types[r].type) - d->rows);
    return rows;
}

void ms_diff_types(ms_diff *d, const ms_diff_side *a, const ms_diff_side *b,
                   const uint32_t *match, const uint8_t *same)
{
    for (uint32_t r = 0; r < a->ntypes; r++) {
        ms_diff_row *w = row_for(d, a->h, a->types[r].type);
        w->count_before = a->types[r].count;
        w->bytes_before = a->types[r].bytes;
        w->retained_before = a->types[r].retained;
    }
    for (uint32_t r = 0; r < b->ntypes; r++) {
        ms_diff_row *w = row_for(d, b->h, b->types[r].type);
        w->count_after = b->types[r].count;
        w->bytes_after = b->types[r].bytes;
        w->retained_after = b->types[r].retained;
    }
    if (d->identity == MS_IDENTITY_AGGREGATE)
        return;
    /* Every type of either graph has its row now: the rows no longer move. */
    uint32_t *arow = rows_of(d, a->h, a->types, a->ntypes);
    uint32_t *brow = rows_of(d, b->h, b->types, b->ntypes);
    /* New: in b with no object of the same id and type in a (DevTools
     * compares each class's ids); freed: the reverse. DevTools' classes hold
     * only objects of some size: one of size 0 counts nowhere, and an
     * object whose size became 0 counts as freed, one whose size stopped
     * being 0 as new. */
    uint8_t *kept = ms_calloc(a->h->n, 1);
    for (uint32_t j = 0; j < b->h->n; j++) {
        uint64_t sz = ms_heap_size(b->h, j);
        if (!sz)
            continue;
        if (match[j] != MS_NONE && same[j] && ms_heap_size(a->h, match[j])) {
            kept[match[j]] = 1;
            continue;
        }
        ms_diff_row *w = &d->rows[brow[b->key[j]]];
        w->new_count++;
        w->new_bytes += sz;
    }
    for (uint32_t i = 0; i < a->h->n; i++) {
        if (kept[i] || !ms_heap_size(a->h, i))
            continue;
        ms_diff_row *w = &d->rows[arow[a->key[i]]];
        w->freed_count++;
        w->freed_bytes += ms_heap_size(a->h, i);
    }
    free(kept);
    free(arow);
    free(brow);
}

/* Grown objects, largest growth first, then id. */
static int cmp_grown(const void *pa, const void *pb)
{
    const ms_diff_grown *x = pa, *y = pb;
    uint64_t gx = x->retained_after - x->retained_before, gy = y->retained_after - y->retained_before;
    if (gx != gy)
        return gx < gy ? 1 : -1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/* Sifts x down the min-heap h[0..n) ordered by cmp_grown reversed: the
 * least growth on top. */
static void sift_down(ms_diff_grown *h, uint32_t n, uint32_t k)
{
    for (;;) {
        uint32_t l = 2 * k + 1, m = k;
        if (l < n && cmp_grown(&h[l], &h[m]) > 0)
            m = l;
        if (l + 1 < n && cmp_grown(&h[l + 1], &h[m]) > 0)
            m = l + 1;
        if (m == k)
            return;
        ms_diff_grown t = h[k];
        h[k] = h[m];
        h[m] = t;
        k = m;
    }
}

void ms_diff_grown_find(ms_diff *d, const ms_diff_side *a, const ms_diff_side *b,
                        const uint32_t *match, uint32_t top, const ms_roots *roots)
{
    size_t cap = 0;
    /* With a limit, the top ones in a heap of that size (the least of them
     * on top), so that a heap where most objects grew needs no full sort. */
    for (uint32_t j = 0; j < b->h->n; j++) {
        if (match[j] == MS_NONE)
            continue;
        uint64_t ra = ms_retained(a->dom, match[j]), rb = ms_retained(b->dom, j);
        if (rb <= ra)
            continue;
        ms_diff_grown g = { .node = j, .before = match[j], .retained_before = ra,
                            .retained_after = rb };
        if (top && d->ngrown == top) {
            if (cmp_grown(&g, &d->grown[0]) < 0) {
                d->grown[0] = g;
                sift_down(d->grown, d->ngrown, 0);
            }
            continue;
        }
        MS_GROW(d->grown, cap, (size_t)d->ngrown + 1);
        d->grown[d->ngrown++] = g;
        if (top && d->ngrown == top)
            for (uint32_t k = top / 2 + 1; k-- > 0;)
                sift_down(d->grown, d->ngrown, k);
    }
    if (d->ngrown > 1)
        qsort(d->grown, d->ngrown, sizeof *d->grown, cmp_grown);
    if (!d->ngrown)
        return;
    uint32_t *targets = ms_malloc((size_t)d->ngrown * sizeof *targets);
    for (uint32_t k = 0; k < d->ngrown; k++)
        targets[k] = d->grown[k].node;
    d->grown_parent = ms_bfs_parents(b->h, roots, targets, d->ngrown);
    free(targets);
}

/* The value a row is sorted by. */
static int64_t sort_value(const ms_diff_row *r, ms_diff_sort key)
{
    switch (key) {
    case MS_DIFF_SORT_COUNT: return (int64_t)r->count_after - (int64_t)r->count_before;
    case MS_DIFF_SORT_RETAINED: return (int64_t)r->retained_after - (int64_t)r->retained_before;
    case MS_DIFF_SORT_NEW: return (int64_t)r->new_count;
    case MS_DIFF_SORT_ALLOC: return (int64_t)r->new_bytes;
    case MS_DIFF_SORT_SIZE: break;
    }
    return (int64_t)r->bytes_after - (int64_t)r->bytes_before;
}

typedef struct sort_ctx {
    ms_diff_sort key;
    const ms_strpool *names;
} sort_ctx;

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const sort_ctx *c = ctx;
    const ms_diff_row *x = pa, *y = pb;
    int64_t a = sort_value(x, c->key), b = sort_value(y, c->key);
    if (a != b)
        return a < b ? 1 : -1;
    int64_t sa = sort_value(x, MS_DIFF_SORT_SIZE), sb = sort_value(y, MS_DIFF_SORT_SIZE);
    if (sa != sb)
        return sa < sb ? 1 : -1;
    return strcmp(ms_strpool_get(c->names, x->type), ms_strpool_get(c->names, y->type));
}

void ms_diff_sort_rows(ms_diff *d, ms_diff_sort key)
{
    sort_ctx c = { key, &d->names };
    if (d->nrows > 1)
        qsort_r(d->rows, d->nrows, sizeof *d->rows, cmp_rows, &c);
    free(d->rowmap); /* row positions moved */
    d->rowmap = NULL;
    d->nmap = 0;
}

void ms_diff_init(ms_diff *d)
{
    memset(d, 0, sizeof *d);
    ms_strpool_init(&d->names);
}

void ms_diff_free(ms_diff *d)
{
    free(d->rows);
    free(d->rowmap);
    free(d->grown);
    for (uint32_t c = 0; c < d->nclusters; c++)
        free(d->clusters[c].signature);
    free(d->clusters);
    free(d->members);
    free(d->leak_parent);
    free(d->grown_parent);
    ms_strpool_free(&d->names);
    memset(d, 0, sizeof *d);
}
