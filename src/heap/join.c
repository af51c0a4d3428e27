/* join.c — ms_builder_append: the objects of a chunk built by another
 * thread appended after a builder's own, for the readers that parse a file
 * in parts side by side. */
#include "builder.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"

#include <stdlib.h>
#include <string.h>

/* Copying a chunk's arrays after another's, in two halves of about equal
 * bytes: part 0 the plain copies (ids, sizes, flags, reference ids), part 1
 * what needs rewriting (string indices, edge offsets) and the rest. With
 * one task, part 0 does both. src's pages are given back as they are read
 * (ms_copy_release), so that dst's new pages reuse them rather than pages
 * the kernel must find and zero: on dumps of 10^8 objects that makes the
 * join about three times faster, at some cost to the resolve after it,
 * which then finds fewer freed pages at hand. */
typedef struct append_job {
    ms_builder *dst, *src;
    const uint32_t *remap;
    int parts;
} append_job;

/* dst[i] = remap[src[i]] for i < n, src's pages given back as read. */
static void copy_remapped(uint32_t *dst, const uint32_t *src, uint64_t n, const uint32_t *remap)
{
    enum { STEP = 1 << 20 };
    for (uint64_t lo = 0; lo < n; lo += STEP) {
        uint64_t hi = n - lo < STEP ? n : lo + STEP;
        for (uint64_t i = lo; i < hi; i++)
            dst[i] = remap[src[i]];
        ms_release_consumed(src, lo * sizeof *src, hi * sizeof *src);
    }
}

/* dst[i] = src[i] + add for i < n, src's pages given back as read. */
static void copy_shifted(uint32_t *dst, const uint32_t *src, uint32_t n, uint32_t add)
{
    enum { STEP = 1 << 20 };
    for (uint32_t lo = 0; lo < n; lo += STEP) {
        uint32_t hi = n - lo < STEP ? n : lo + STEP;
        for (uint32_t i = lo; i < hi; i++)
            dst[i] = src[i] + add;
        ms_release_consumed(src, (size_t)lo * sizeof *src, (size_t)hi * sizeof *src);
    }
}

/* An optional per-node array: copied, or zeroed where src has none. */
static void copy_optional(uint32_t *dst, const uint32_t *src, uint32_t n)
{
    if (!dst)
        return;
    if (src)
        ms_copy_release(dst, src, (size_t)n * sizeof *dst);
    else
        memset(dst, 0, (size_t)n * sizeof *dst);
}

static void append_plain(const append_job *j)
{
    ms_builder *dst = j->dst, *src = j->src;
    ms_heap *d = dst->h, *s = src->h;
    uint32_t n0 = d->n, n1 = s->n;
    ms_copy_release(d->id + n0, s->id, (size_t)n1 * sizeof *d->id);
    ms_copy_release(d->size + n0, s->size, (size_t)n1 * sizeof *d->size);
    ms_copy_release(d->flags + n0, s->flags, (size_t)n1 * sizeof *d->flags);
    if (src->m)  /* a chunk without references has no array at all */
        ms_copy_release(dst->to_id + dst->m, src->to_id, (size_t)src->m * sizeof *dst->to_id);
}

static void append_rewritten(const append_job *j)
{
    ms_builder *dst = j->dst, *src = j->src;
    ms_heap *d = dst->h, *s = src->h;
    uint32_t n0 = d->n, n1 = s->n;
    copy_remapped(d->type + n0, s->type, n1, j->remap);
    copy_remapped(d->label + n0, s->label, n1, j->remap);
    copy_shifted(d->edge_off + n0, s->edge_off, n1, (uint32_t)dst->m);
    /* Sites name the header's stacks: no column needs rewriting. */
#define COPY_COLUMN(col, flag) copy_optional(d->col ? d->col + n0 : NULL, s->col, n1);
    MS_NODE_COLUMNS(COPY_COLUMN)
#undef COPY_COLUMN
    if (src->m)
        ms_copy_release(d->edge_kind + dst->m, s->edge_kind, (size_t)src->m);
    copy_remapped(d->edge_name + dst->m, s->edge_name, src->m, j->remap);
}

static void append_part(void *ctx, int part)
{
    const append_job *j = ctx;
    if (part == 0)
        append_plain(j);
    if (part == 1 || j->parts == 1)
        append_rewritten(j);
}

ms_status ms_builder_append(ms_builder *dst, ms_builder *src, uint32_t **remap_out,
                            ms_error *err)
{
    ms_heap *d = dst->h, *s = src->h;
    ms_status st = ms_builder_check_limits(dst, s->n, src->m, s->total_size, err);
    if (st != MS_OK) {
        ms_builder_free(src);
        return st;
    }
    uint32_t *remap = ms_malloc(((size_t)s->strings.count + 1) * sizeof *remap);
    if (ms_strpool_append(&d->strings, &s->strings, remap) != 0) {
        free(remap);
        ms_builder_free(src);
        return ms_error_set(err, MS_ERR_LIMIT, "more than 2^32-2 distinct strings");
    }
    ms_builder_grow_nodes(dst, (size_t)d->n + s->n);
    ms_builder_grow_edges(dst, dst->m + src->m);
#define MAKE_COLUMN(col, flag)                                          \
    if (s->col && !d->col)                                              \
        d->col = ms_builder_new_column(dst->cap_n);
    MS_NODE_COLUMNS(MAKE_COLUMN)
#undef MAKE_COLUMN
    uint32_t n0 = d->n;
    append_job job = { dst, src, remap, s->n + src->m >= 65536 ? ms_parallel_tasks() : 1 };
    ms_parallel_run(job.parts, append_part, &job);
    d->n += s->n;
    d->total_size += s->total_size;
    dst->m += src->m;
    for (uint32_t i = 0; i < s->nbig; i++) {
        MS_GROW(d->big_size, dst->cap_big, 2 * ((size_t)d->nbig + 1));
        d->big_size[2 * d->nbig] = s->big_size[2 * i] + n0;
        d->big_size[2 * d->nbig + 1] = s->big_size[2 * i + 1];
        d->nbig++;
    }
    for (size_t i = 0; i < src->nroot_ids; i++) {
        if (src->root_kinds && src->root_kinds[i])
            ms_builder_add_named_root(dst, src->root_ids[i], remap[src->root_kinds[i]]);
        else
            ms_builder_add_root(dst, src->root_ids[i]);
    }
    if (s->meta_json && !d->meta_json) {
        d->meta_json = s->meta_json;
        s->meta_json = NULL;
    }
    d->has_header |= s->has_header;
    if (remap_out)
        *remap_out = remap;
    else
        free(remap);
    ms_builder_free(src);
    return MS_OK;
}
