/* series.c — growth across a series of dumps (series.h): the types over
 * the dumps, the collections that grew in every interval, and the cohorts.
 *
 * Every object of the last dump is followed back through the matches
 * (back[k]) to the first dump it is in: its birth. One born in the first
 * dump is in every dump (an object that left and came back is a new one:
 * the matches are consecutive), so its element count can be read in each;
 * it is a growing collection when that count grew in every interval. A
 * bounded LRU at its size, a deque at its maxlen or a cache warmed up
 * before the series keep their count and are not listed; a container the
 * dump says is bounded (MS_NODE_BOUNDED) is never listed, nor the engine's
 * own stores, structural holders and the runtime's baseline (their growth
 * is reported at the objects that own them). */
#include "memscope/series.h"

#include "memscope/alloc.h"

#include <stdlib.h>
#include <string.h>

uint32_t ms_series_elements(const ms_heap *h, uint32_t v, const uint32_t *table,
                            uint32_t ntable)
{
    if (h->len && (h->flags[v] & MS_NODE_HAS_LEN))
        return h->len[v];
    uint32_t count = 0;
    for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
        if (h->edge_kind[e] == MS_EDGE_WEAK)
            continue;
        bool through = false;
        for (uint32_t k = 0; k < ntable && !through; k++)
            through = h->edge_name[e] == table[k];
        uint32_t t = h->edge_to[e];
        count += through ? h->edge_off[t + 1] - h->edge_off[t] : 1;
    }
    return count;
}

/* The string indices of h whose text is "table", labels too (a reader
 * may store names as labels, which ms_strpool_find does not see): at most
 * max, into out. Returns how many. */
static uint32_t table_names(const ms_heap *h, uint32_t *out, uint32_t max)
{
    uint32_t k = 0;
    for (uint32_t i = 1; i < h->strings.count && k < max; i++)
        if (ms_strpool_len(&h->strings, i) == 5 &&
            memcmp(ms_strpool_get(&h->strings, i), "table", 5) == 0)
            out[k++] = i;
    return k;
}

/* *arr ([rows * n] values of elem bytes, row-major) laid out again with
 * row i being the old row order[i]; the old array is freed. */
static void reorder(void **arr, size_t elem, const uint32_t *order, uint32_t rows, uint32_t n)
{
    size_t row = (size_t)n * elem;
    char *to = ms_malloc((size_t)rows * row + 1);
    for (uint32_t i = 0; i < rows; i++)
        memcpy(to + (size_t)i * row, (char *)*arr + (size_t)order[i] * row, row);
    free(*arr);
    *arr = to;
}

/* ---- types over the dumps ------------------------------------------ */

typedef struct row_order {
    const ms_series_row *rows;
    const ms_strpool *names;
} row_order;

/* Rows by index: growing in every interval first, growth descending,
 * then name. */
static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
    const row_order *o = ctx;
    const ms_series_row *x = &o->rows[*(const uint32_t *)pa];
    const ms_series_row *y = &o->rows[*(const uint32_t *)pb];
    if (x->grew_every != y->grew_every)
        return x->grew_every ? -1 : 1;
    if (x->internal != y->internal)
        return x->internal ? 1 : -1;
    if (x->growth != y->growth)
        return x->growth > y->growth ? -1 : 1;
    return strcmp(ms_strpool_get(o->names, x->name), ms_strpool_get(o->names, y->name));
}

/* Capacities of the arrays types_over grows. */
typedef struct caps {
    uint32_t *row_of; /* name -> row + 1, 0: none yet */
    size_t of, rows, counts, bytes;
} caps;

/* The row of name in s, added with zero values if new. */
static uint32_t row_for(ms_series *s, uint32_t name, caps *c)
{
    MS_GROW_ZERO(c->row_of, c->of, (size_t)name + 1);
    if (c->row_of[name])
        return c->row_of[name] - 1;
    size_t end = ((size_t)s->nrows + 1) * s->n;
    MS_GROW(s->rows, c->rows, (size_t)s->nrows + 1);
    MS_GROW_ZERO(s->counts, c->counts, end);
    MS_GROW_ZERO(s->bytes, c->bytes, end);
    s->rows[s->nrows] = (ms_series_row){ .name = name };
    c->row_of[name] = ++s->nrows;
    return s->nrows - 1;
}

/* For the last dump's rows (side d): whether most of each row's objects
 * are the runtime's own; internal[i] for d->types[i]. Types only: a site
 * is the program's. */
static bool *internal_rows(const ms_diff_side *d, bool by_type)
{
    bool *internal = ms_calloc((size_t)d->ntypes + 1, sizeof *internal);
    const ms_heap *h = d->h;
    if (!h->role || !by_type)
        return internal;
    uint64_t *own = ms_calloc((size_t)h->strings.count + 1, sizeof *own);
    for (uint32_t v = 0; v < h->n; v++)
        if (h->role[v] & (MS_ROLE_ENGINE | MS_ROLE_BASELINE))
            own[d->key[v]]++;
    for (uint32_t i = 0; i < d->ntypes; i++)
        internal[i] = own[d->types[i].type] * 2 > d->types[i].count;
    free(own);
    return internal;
}

/* One row per name in any dump's rows, its count and bytes in each dump,
 * sorted (cmp_rows). */
static void types_over(const ms_series_input *in, ms_series *s)
{
    uint32_t n = in->n;
    caps c = { 0 };
    ms_strpool_init(&s->names);
    const ms_diff_side *last = &in->side[n - 1];
    bool *internal = internal_rows(last, last->key == last->h->type);
    for (uint32_t k = 0; k < n; k++) {
        const ms_diff_side *d = &in->side[k];
        for (uint32_t i = 0; i < d->ntypes; i++) {
            const char *t = ms_strpool_get(&d->h->strings, d->types[i].type);
            uint32_t r = row_for(s, ms_strpool_intern(&s->names, t, strlen(t)), &c);
            s->counts[(size_t)r * n + k] = d->types[i].count;
            s->bytes[(size_t)r * n + k] = d->types[i].bytes;
            if (k == n - 1)
                s->rows[r].internal = internal[i];
        }
    }
    free(internal);
    free(c.row_of);
    for (uint32_t r = 0; r < s->nrows; r++) {
        const uint64_t *cnt = &s->counts[(size_t)r * n], *b = &s->bytes[(size_t)r * n];
        bool every = n > 1;
        for (uint32_t k = 1; k < n; k++)
            every = every && b[k] > b[k - 1];
        s->rows[r].grew_every = every;
        s->rows[r].growth = (int64_t)b[n - 1] - (int64_t)b[0];
        s->rows[r].count_growth = (int64_t)cnt[n - 1] - (int64_t)cnt[0];
    }
    uint32_t *order = ms_malloc(((size_t)s->nrows + 1) * sizeof *order);
    for (uint32_t r = 0; r < s->nrows; r++)
        order[r] = r;
    row_order o = { s->rows, &s->names };
    qsort_r(order, s->nrows, sizeof *order, cmp_rows, &o);
    reorder((void **)&s->rows, sizeof *s->rows, order, s->nrows, 1);
    reorder((void **)&s->counts, sizeof *s->counts, order, s->nrows, n);
    reorder((void **)&s->bytes, sizeof *s->bytes, order, s->nrows, n);
    free(order);
}

/* ---- births, cohorts and collections -------------------------------- */

/* Each last-dump node's birth: the first dump it is in (0: in every one). */
static uint16_t *births(const ms_series_input *in)
{
    uint32_t n = in->n, m = in->side[n - 1].h->n;
    uint16_t *birth = ms_malloc(((size_t)m + 1) * sizeof *birth);
    for (uint32_t j = 0; j < m; j++) {
        uint32_t v = j, k = n - 1;
        while (k > 0 && (v = in->back[k - 1][v]) != MS_NONE)
            k--;
        birth[j] = (uint16_t)k;
    }
    return birth;
}

/* The objects new in each dump after the first, and those of them alive
 * in the last (birth). */
static void cohorts(const ms_series_input *in, const uint16_t *birth, ms_series *s)
{
    uint32_t n = in->n;
    s->cohorts = ms_calloc(n, sizeof *s->cohorts);
    for (uint32_t k = 1; k < n; k++) {
        const ms_heap *h = in->side[k].h;
        ms_series_cohort *c = &s->cohorts[k - 1];
        for (uint32_t j = 0; j < h->n; j++)
            if (in->back[k - 1][j] == MS_NONE) {
                c->born++;
                c->born_bytes += ms_heap_size(h, j);
            }
    }
    const ms_heap *last = in->side[n - 1].h;
    for (uint32_t j = 0; j < last->n; j++)
        if (birth[j] > 0) {
            s->cohorts[birth[j] - 1].alive++;
            s->cohorts[birth[j] - 1].alive_bytes += ms_heap_size(last, j);
        }
}

typedef struct coll_order {
    const ms_series_collection *coll;
    const ms_heap *h;  /* the last dump */
} coll_order;

/* Collections by index: growth descending, then element growth, then id. */
static int cmp_coll(const void *pa, const void *pb, void *ctx)
{
    const coll_order *o = ctx;
    const ms_series_collection *x = &o->coll[*(const uint32_t *)pa];
    const ms_series_collection *y = &o->coll[*(const uint32_t *)pb];
    const ms_heap *h = o->h;
    if (x->growth != y->growth)
        return x->growth > y->growth ? -1 : 1;
    if (x->element_growth != y->element_growth)
        return x->element_growth > y->element_growth ? -1 : 1;
    return h->id[x->node] < h->id[y->node] ? -1 : h->id[x->node] > h->id[y->node];
}

enum { NOT_A_COLLECTION = MS_ROLE_HOLDER | MS_ROLE_ENGINE | MS_ROLE_BASELINE };

/* Node j of the last dump (born in the first) in every dump: path[k]. */
static void chain(const ms_series_input *in, uint32_t j, uint32_t *path)
{
    path[in->n - 1] = j;
    for (uint32_t k = in->n - 1; k > 0; k--)
        path[k - 1] = in->back[k - 1][path[k]];
}

enum { MAX_TABLE = 8 };

/* Whether node j's element count grew in every interval; fills e[n] (from
 * the last dump back, as far as it grew). table[k * MAX_TABLE ..] and
 * ntable[k]: dump k's "table" names. */
static bool grew_every(const ms_series_input *in, const uint32_t *path, const uint32_t *table,
                       const uint32_t *ntable, uint32_t *e)
{
    for (uint32_t k = in->n; k-- > 0;) {
        e[k] = ms_series_elements(in->side[k].h, path[k], &table[k * MAX_TABLE], ntable[k]);
        if (k + 1 < in->n && e[k] >= e[k + 1])
            return false;
    }
    return true;
}

static void collections(const ms_series_input *in, const uint16_t *birth, ms_series *s)
{
    uint32_t n = in->n;
    const ms_heap *last = in->side[n - 1].h;
    uint32_t *table = ms_malloc((size_t)n * MAX_TABLE * sizeof *table);
    uint32_t *ntable = ms_malloc(n * sizeof *ntable), *path = ms_malloc(n * sizeof *path);
    uint32_t *e = ms_malloc(n * sizeof *e);
    for (uint32_t k = 0; k < n; k++)
        ntable[k] = table_names(in->side[k].h, &table[k * MAX_TABLE], MAX_TABLE);
    size_t ccap = 0, ecap = 0, rcap = 0;
    for (uint32_t j = 0; j < last->n; j++) {
        if (birth[j] != 0 || (last->flags[j] & MS_NODE_BOUNDED) ||
            (last->role && (last->role[j] & NOT_A_COLLECTION)) ||
            !ms_retained(in->side[n - 1].dom, j))
            continue;
        chain(in, j, path);
        if (!grew_every(in, path, table, ntable, e))
            continue;
        MS_GROW(s->coll, ccap, (size_t)s->ncoll + 1);
        MS_GROW(s->elements, ecap, ((size_t)s->ncoll + 1) * n);
        MS_GROW(s->retained, rcap, ((size_t)s->ncoll + 1) * n);
        for (uint32_t k = 0; k < n; k++) {
            s->elements[(size_t)s->ncoll * n + k] = e[k];
            s->retained[(size_t)s->ncoll * n + k] = ms_retained(in->side[k].dom, path[k]);
        }
        const uint64_t *r = &s->retained[(size_t)s->ncoll * n];
        s->coll[s->ncoll++] = (ms_series_collection){
            .node = j, .growth = (int64_t)r[n - 1] - (int64_t)r[0],
            .element_growth = (int64_t)e[n - 1] - (int64_t)e[0] };
    }
    free(table);
    free(ntable);
    free(path);
    free(e);
}

/* Sorts the collections (cmp_coll) with their values, and names each. */
static void collections_finish(const ms_series_input *in, ms_series *s)
{
    uint32_t n = in->n, c = s->ncoll;
    const ms_heap *last = in->side[n - 1].h;
    if (!c)
        return;
    uint32_t *order = ms_malloc((size_t)c * sizeof *order);
    for (uint32_t i = 0; i < c; i++)
        order[i] = i;
    coll_order o = { s->coll, last };
    qsort_r(order, c, sizeof *order, cmp_coll, &o);
    reorder((void **)&s->coll, sizeof *s->coll, order, c, 1);
    reorder((void **)&s->elements, sizeof *s->elements, order, c, n);
    reorder((void **)&s->retained, sizeof *s->retained, order, c, n);
    free(order);
    uint32_t *nodes = ms_malloc((size_t)c * sizeof *nodes);
    for (uint32_t i = 0; i < c; i++)
        nodes[i] = s->coll[i].node;
    s->parent = ms_bfs_parents(last, in->roots, nodes, c);
    for (uint32_t i = 0; i < c; i++) {
        s->coll[i].name = ms_path_name(last, s->parent, nodes[i], 6);
        s->coll[i].signature = ms_path_signature_text(last, s->parent, nodes[i]);
    }
    free(nodes);
}

void ms_series_run(const ms_series_input *in, ms_series *out)
{
    memset(out, 0, sizeof *out);
    out->n = in->n;
    types_over(in, out);
    if (!in->back || in->n < 2)
        return;
    uint16_t *birth = births(in);
    cohorts(in, birth, out);
    collections(in, birth, out);
    collections_finish(in, out);
    free(birth);
}

void ms_series_free(ms_series *s)
{
    for (uint32_t i = 0; i < s->ncoll; i++)
        free(s->coll[i].signature);
    ms_strpool_free(&s->names);
    free(s->rows);
    free(s->counts);
    free(s->bytes);
    free(s->coll);
    free(s->elements);
    free(s->retained);
    free(s->cohorts);
    free(s->parent);
    memset(s, 0, sizeof *s);
}
