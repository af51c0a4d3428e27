/* types.c — the type histogram: count and shallow bytes per type name. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

static const ms_heap *sort_heap;
static ms_type_sort sort_key;

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
    return a < b ? 1 : a > b ? -1 : 0;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const ms_type_row *a = pa, *b = pb;
    int c = sort_key == MS_SORT_BYTES ? cmp_u64_desc(a->bytes, b->bytes)
                                      : cmp_u64_desc(a->count, b->count);
    if (!c)
        c = sort_key == MS_SORT_BYTES ? cmp_u64_desc(a->count, b->count)
                                      : cmp_u64_desc(a->bytes, b->bytes);
    if (!c)
        c = strcmp(ms_heap_str(sort_heap, a->type), ms_heap_str(sort_heap, b->type));
    return c;
}

ms_type_row *ms_type_histogram(const ms_heap *h, ms_type_sort sort, uint32_t *nrows)
{
    /* Type names are string indices: count into a table over the pool. */
    uint32_t ns = h->strings.count;
    uint32_t *slot = ms_malloc((size_t)ns * sizeof *slot);
    memset(slot, 0xff, (size_t)ns * sizeof *slot);
    ms_type_row *rows = NULL;
    size_t cap = 0;
    uint32_t k = 0;
    for (uint32_t i = 0; i < h->n; i++) {
        uint32_t t = h->type[i];
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
    sort_heap = h;
    sort_key = sort;
    if (k)
        qsort(rows, k, sizeof *rows, cmp_rows);
    *nrows = k;
    return rows;
}
