/* parts.c — what a piece of the heap is made of: the objects of dominator
 * subtrees tallied by type (count and shallow bytes), and the types with
 * the most bytes (the "made of" of suspects and leak clusters). */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>

void ms_parts_init(ms_parts *t, const ms_heap *h)
{
    size_t ns = (size_t)h->strings.count + 1;
    *t = (ms_parts){ .count = ms_calloc_lazy(ns, sizeof *t->count),
                     .bytes = ms_malloc(ns * sizeof *t->bytes) };
}

void ms_parts_free(ms_parts *t)
{
    free(t->count);
    free(t->bytes);
    free(t->touched);
    free(t->stack);
}

void ms_parts_add_subtree(ms_parts *t, const ms_heap *h, const ms_domtree *dt, uint32_t top)
{
    size_t sp = 0;
    MS_GROW(t->stack, t->scap, 1);
    t->stack[sp++] = top;
    while (sp) {
        uint32_t i = t->stack[--sp];
        for (uint32_t c = dt->kid_off[i]; c < dt->kid_off[i + 1]; c++) {
            MS_GROW(t->stack, t->scap, sp + 1);
            t->stack[sp++] = dt->kids[c];
        }
        uint32_t v = dt->vertex[i], ty = h->type[v];
        if (t->count[ty]++ == 0) {
            MS_GROW(t->touched, t->cap, t->ntouched + 1);
            t->touched[t->ntouched++] = ty;
            t->bytes[ty] = 0;
        }
        t->bytes[ty] += ms_heap_size(h, v);
    }
}

/* Whether part a comes before b: more bytes, then more objects, then the
 * lower string index. */
static bool part_before(const ms_suspect_part *a, const ms_suspect_part *b)
{
    if (a->bytes != b->bytes)
        return a->bytes > b->bytes;
    if (a->count != b->count)
        return a->count > b->count;
    return a->type < b->type;
}

uint32_t ms_parts_take(ms_parts *t, ms_suspect_part out[MS_SUSPECT_PARTS])
{
    uint32_t n = 0;
    for (size_t j = 0; j < t->ntouched; j++) {
        uint32_t ty = t->touched[j];
        ms_suspect_part p = { ty, t->count[ty], t->bytes[ty] };
        t->count[ty] = 0;
        if (n == MS_SUSPECT_PARTS && !part_before(&p, &out[n - 1]))
            continue;
        uint32_t k = n < MS_SUSPECT_PARTS ? n++ : n - 1;
        for (; k > 0 && part_before(&p, &out[k - 1]); k--)
            out[k] = out[k - 1];
        out[k] = p;
    }
    t->ntouched = 0;
    return n;
}
