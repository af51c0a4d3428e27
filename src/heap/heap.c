/* heap.c — the heap graph: building it from records, joining chunks built
 * by separate threads, the id map, resolving ids to node indices, and the
 * predecessor CSRs, on demand or numbered for the dominator tree (see
 * heap.h).
 *
 * Building keeps reference targets as 64-bit ids until every object is
 * known (dumps reference objects that appear later). finish resolves them
 * all at once with a partitioned hash join (resolve.c), then drops dangling
 * references. The id map used for later lookups is built only on demand. */
#include "memscope/heap.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "resolve.h"
#include "reverse.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local double last_resolve_s;

double ms_builder_last_resolve_time(void)
{
    return last_resolve_s;
}

struct ms_builder {
    ms_heap *h;        /* node arrays, strings, header data being filled */
    size_t cap_n, cap_m;
    uint64_t *to_id;   /* [m] reference targets as ids until finish */
    uint64_t m;
    uint64_t *root_ids;
    uint32_t *root_kinds;   /* parallel to root_ids when named (0 = none) */
    size_t nroot_ids, cap_roots, cap_kinds;
    size_t cap_big;
    bool direct;       /* edges already hold node indices (ms_builder_direct) */
};

#define BATCH 32

/* ---- id map ----------------------------------------------------------- */

/* The map is one array of node indices split into `parts` equal partitions
 * (a power of two); an id's partition is chosen by the top bits of its hash
 * and it probes linearly within that partition only. So each partition can
 * be filled by its own thread with no locking. */

static inline uint32_t id_slot(const ms_idmap *m, uint64_t hash)
{
    uint32_t part = m->part_bits ? (uint32_t)(hash >> (64 - m->part_bits)) : 0;
    return (part << m->part_shift) | ((uint32_t)hash & m->mask);
}

static inline uint32_t id_next(const ms_idmap *m, uint32_t s)
{
    return (s & ~m->mask) | ((s + 1) & m->mask);
}

uint32_t ms_heap_find(const ms_heap *h, uint64_t id)
{
    if (!h->ids.slots) {
        for (uint32_t i = 0; i < h->n; i++)
            if (h->id[i] == id)
                return i;
        return MS_NONE;
    }
    uint32_t s = id_slot(&h->ids, ms_hash_u64(id));
    for (;;) {
        uint32_t i = h->ids.slots[s];
        if (i == MS_NONE || h->id[i] == id)
            return i;
        s = id_next(&h->ids, s);
    }
}

/* Inserts the ids of partition `part` in node order (ids are distinct: the
 * builder checked). Slots are prefetched a batch ahead. */
static void idmap_fill(void *ctx, int part)
{
    ms_heap *h = ctx;
    ms_idmap *m = &h->ids;
    uint32_t *slots = m->slots;
    uint32_t slot[BATCH], node[BATCH];
    for (uint32_t base = 0; base < h->n; base += BATCH) {
        uint32_t end = h->n - base < BATCH ? h->n : base + BATCH, k = 0;
        for (uint32_t i = base; i < end; i++) {
            uint64_t hash = ms_hash_u64(h->id[i]);
            if (m->part_bits && (int)(hash >> (64 - m->part_bits)) != part)
                continue;
            slot[k] = id_slot(m, hash);
            node[k++] = i;
            __builtin_prefetch(&slots[slot[k - 1]], 1);
        }
        for (uint32_t j = 0; j < k; j++) {
            uint32_t s = slot[j];
            while (slots[s] != MS_NONE)
                s = id_next(m, s);
            slots[s] = node[j];
        }
    }
}

void ms_heap_index(ms_heap *h)
{
    if (h->ids.slots)
        return;
    int tasks = h->n >= 65536 ? ms_parallel_tasks() : 1;
    uint32_t bits = tasks > 1 ? 1 : 0;
    uint64_t want = ((uint64_t)h->n * 4 / 3 + 1) >> bits;
    uint32_t per = 1024;
    while (per < want && per < (1u << 30))
        per *= 2;
    ms_idmap *m = &h->ids;
    size_t nslots = (size_t)per << bits;
    m->slots = ms_malloc(nslots * sizeof(uint32_t));
    memset(m->slots, 0xff, nslots * sizeof(uint32_t));
    m->mask = per - 1;
    m->part_bits = bits;
    m->part_shift = (uint32_t)__builtin_ctz(per);
    ms_parallel_run(1 << bits, idmap_fill, h);
}

/* ---- builder ---------------------------------------------------------- */

ms_builder *ms_builder_new(void)
{
    ms_builder *b = ms_calloc(1, sizeof *b);
    b->h = ms_calloc(1, sizeof *b->h);
    ms_strpool_init(&b->h->strings);
    return b;
}

void ms_builder_free(ms_builder *b)
{
    if (!b)
        return;
    ms_heap_free(b->h);
    free(b->to_id);
    free(b->root_ids);
    free(b->root_kinds);
    free(b);
}

ms_strpool *ms_builder_strings(ms_builder *b)
{
    return &b->h->strings;
}

uint32_t ms_builder_count(const ms_builder *b)
{
    return b->h->n;
}

void ms_builder_add_root(ms_builder *b, uint64_t id)
{
    MS_GROW(b->root_ids, b->cap_roots, b->nroot_ids + 1);
    if (b->root_kinds) {
        MS_GROW(b->root_kinds, b->cap_kinds, b->nroot_ids + 1);
        b->root_kinds[b->nroot_ids] = 0;
    }
    b->root_ids[b->nroot_ids++] = id;
}

const ms_heap *ms_builder_heap(const ms_builder *b)
{
    return b->h;
}

void ms_builder_add_named_root(ms_builder *b, uint64_t id, uint32_t kind)
{
    if (!b->root_kinds) {
        b->cap_kinds = b->cap_roots > 16 ? b->cap_roots : 16;
        b->root_kinds = ms_calloc(b->cap_kinds, sizeof *b->root_kinds);
    }
    ms_builder_add_root(b, id);
    b->root_kinds[b->nroot_ids - 1] = kind;
}

void ms_builder_set_roles(ms_builder *b, uint8_t *role)
{
    free(b->h->role);
    b->h->role = role;
}

void ms_builder_set_site(ms_builder *b, uint32_t k, uint32_t site)
{
    if (!b->h->site)
        b->h->site = ms_calloc(b->cap_n ? b->cap_n : 1, sizeof *b->h->site);
    b->h->site[k] = site;
}

void ms_builder_set_type(ms_builder *b, uint32_t k, uint32_t type)
{
    b->h->type[k] = type;
}

void ms_builder_set_label(ms_builder *b, uint32_t k, uint32_t label, bool is_name)
{
    b->h->label[k] = label;
    b->h->flags[k] = (uint8_t)((b->h->flags[k] & ~MS_NODE_LABEL_IS_NAME) |
                               (is_name ? MS_NODE_LABEL_IS_NAME : 0));
}

void ms_builder_set_meta(ms_builder *b, char *meta)
{
    free(b->h->meta_json);
    b->h->meta_json = meta;
}

void ms_builder_set_sites(ms_builder *b, uint32_t *frame, uint32_t *parent, uint32_t count)
{
    ms_heap *h = b->h;
    free(h->sites.frame);
    free(h->sites.parent);
    h->sites = (ms_sites){ count, frame, parent };
}

void ms_builder_set_header(ms_builder *b)
{
    b->h->has_header = true;
}

static void grow_nodes(ms_builder *b, size_t need)
{
    ms_heap *h = b->h;
    if (need <= b->cap_n)
        return;
    size_t cap = b->cap_n ? b->cap_n + b->cap_n / 2 : 4096;
    if (cap < need)
        cap = need;
    h->id = ms_realloc_array(h->id, cap, sizeof *h->id);
    h->type = ms_realloc_array(h->type, cap, sizeof *h->type);
    h->size = ms_realloc_array(h->size, cap, sizeof *h->size);
    h->label = ms_realloc_array(h->label, cap, sizeof *h->label);
    h->flags = ms_realloc_array(h->flags, cap, sizeof *h->flags);
    h->edge_off = ms_realloc_array(h->edge_off, cap + 1, sizeof *h->edge_off);
    if (h->rc)
        h->rc = ms_realloc_array(h->rc, cap, sizeof *h->rc);
    if (h->len)
        h->len = ms_realloc_array(h->len, cap, sizeof *h->len);
    if (h->site)
        h->site = ms_realloc_array(h->site, cap, sizeof *h->site);
    if (h->gen)
        h->gen = ms_realloc_array(h->gen, cap, sizeof *h->gen);
    b->cap_n = cap;
}

static void grow_edges(ms_builder *b, uint64_t need)
{
    ms_heap *h = b->h;
    if (need <= b->cap_m)
        return;
    size_t cap = b->cap_m ? b->cap_m + b->cap_m / 2 : 16384;
    if (cap < need)
        cap = need;
    b->to_id = ms_realloc_array(b->to_id, cap, sizeof *b->to_id);
    h->edge_name = ms_realloc_array(h->edge_name, cap, sizeof *h->edge_name);
    h->edge_kind = ms_realloc_array(h->edge_kind, cap, sizeof *h->edge_kind);
    b->cap_m = cap;
}

void ms_builder_reserve(ms_builder *b, size_t nodes, uint64_t edges)
{
    grow_nodes(b, nodes < MS_MAX_NODES ? nodes : MS_MAX_NODES);
    grow_edges(b, edges < MS_MAX_EDGES ? edges : MS_MAX_EDGES);
}

/* Checks that adding nodes, edges and bytes keeps within the limits. */
static ms_status check_limits(const ms_builder *b, uint64_t nodes, uint64_t edges,
                              uint64_t bytes, ms_error *err)
{
    const ms_heap *h = b->h;
    if ((uint64_t)h->n + nodes > MS_MAX_NODES)
        return ms_error_set(err, MS_ERR_LIMIT, "more than %" PRIu32 " objects",
                            (uint32_t)MS_MAX_NODES);
    if (b->m + edges > MS_MAX_EDGES)
        return ms_error_set(err, MS_ERR_LIMIT, "more than %" PRIu32 " references",
                            (uint32_t)MS_MAX_EDGES);
    if (bytes > (UINT64_C(1) << 62) || h->total_size + bytes > (UINT64_C(1) << 62))
        return ms_error_set(err, MS_ERR_LIMIT, "object sizes add up to more than 2^62 bytes");
    return MS_OK;
}

/* Makes an optional per-node array (rc, len, site, gen) exist, zero-filled,
 * once any node has it. Written whole when made, for all the room reserved
 * (1.4 GB on 100M objects): leaving its pages to be mapped as nodes fill
 * it was tried, and the parse of 100M objects took 1.5 to 2 s longer in
 * back-to-back runs (pages mapped early reuse those the last run freed). */
static uint32_t *ensure_optional(uint32_t *arr, size_t cap)
{
    return arr ? arr : ms_calloc(cap, sizeof *arr);
}

ms_heap *ms_builder_direct(ms_builder *b, uint32_t n, uint64_t m, ms_direct_edges given,
                           ms_error *err)
{
    ms_heap *h = b->h;
    if (check_limits(b, n, m, 0, err) != MS_OK) {
        free(given.off);
        free(given.to);
        free(given.name);
        free(given.kind);
        return NULL;
    }
    size_t cap = (size_t)(m ? m : 1);
    h->edge_off = given.off ? given.off : ms_malloc(((size_t)n + 1) * sizeof *h->edge_off);
    h->edge_to = given.to ? given.to : ms_malloc(cap * sizeof *h->edge_to);
    h->edge_name = given.name ? given.name : ms_malloc(cap * sizeof *h->edge_name);
    h->edge_kind = given.kind ? given.kind : ms_malloc(cap);
    h->n = n;
    h->m = (uint32_t)m;
    b->m = m;
    b->cap_m = m;
    b->direct = true;
    return h;
}

ms_heap *ms_builder_direct_nodes(ms_builder *b, uint64_t *id)
{
    ms_heap *h = b->h;
    size_t n = h->n ? h->n : 1;
    h->id = id ? id : ms_malloc(n * sizeof *h->id);
    h->type = ms_malloc(n * sizeof *h->type);
    h->size = ms_malloc(n * sizeof *h->size);
    h->label = ms_malloc(n * sizeof *h->label);
    h->flags = ms_malloc(n * sizeof *h->flags);
    b->cap_n = h->n;
    return h;
}

void ms_builder_set_size(ms_builder *b, uint32_t k, uint64_t size)
{
    ms_heap *h = b->h;
    if (size >= MS_SIZE_BIG) {
        MS_GROW(h->big_size, b->cap_big, 2 * ((size_t)h->nbig + 1));
        h->big_size[2 * h->nbig] = k;
        h->big_size[2 * h->nbig + 1] = size;
        h->nbig++;
        h->size[k] = MS_SIZE_BIG;
    } else {
        h->size[k] = (uint32_t)size;
    }
    h->total_size += size;
}

ms_status ms_builder_add(ms_builder *b, const ms_record *r, ms_error *err)
{
    ms_heap *h = b->h;
    uint64_t nedges = (uint64_t)r->nrefs + r->nweak;
    ms_status st = check_limits(b, 1, nedges, r->size, err);
    if (st != MS_OK)
        return st;
    grow_nodes(b, (size_t)h->n + 1);
    uint32_t k = h->n;
    h->id[k] = r->id;
    h->type[k] = r->type;
    ms_builder_set_size(b, k, r->size);
    h->label[k] = r->label;
    h->flags[k] = r->flags;
    if (r->flags & MS_NODE_HAS_RC)
        h->rc = ensure_optional(h->rc, b->cap_n);
    if (h->rc)
        h->rc[k] = (r->flags & MS_NODE_HAS_RC) ? r->rc : 0;
    if (r->flags & MS_NODE_HAS_LEN)
        h->len = ensure_optional(h->len, b->cap_n);
    if (h->len)
        h->len[k] = (r->flags & MS_NODE_HAS_LEN) ? r->len : 0;
    if (r->site)
        h->site = ensure_optional(h->site, b->cap_n);
    if (h->site)
        h->site[k] = r->site;
    if (r->gen)
        h->gen = ensure_optional(h->gen, b->cap_n);
    if (h->gen)
        h->gen[k] = r->gen;

    grow_edges(b, b->m + nedges);
    h->edge_off[k] = (uint32_t)b->m;
    uint64_t e = b->m;
    if (r->nrefs) {
        memcpy(b->to_id + e, r->refs, (size_t)r->nrefs * sizeof *r->refs);
        if (r->names)
            memcpy(h->edge_name + e, r->names, (size_t)r->nrefs * sizeof *r->names);
        else
            memset(h->edge_name + e, 0, (size_t)r->nrefs * sizeof *r->names);
        memset(h->edge_kind + e, MS_EDGE_STRONG, r->nrefs);
        e += r->nrefs;
    }
    if (r->nweak) {
        memcpy(b->to_id + e, r->weak, (size_t)r->nweak * sizeof *r->weak);
        memset(h->edge_name + e, 0, (size_t)r->nweak * sizeof *h->edge_name);
        memset(h->edge_kind + e, MS_EDGE_WEAK, r->nweak);
        e += r->nweak;
    }
    b->m = e;
    h->n = k + 1;
    return MS_OK;
}

/* Copying a chunk's arrays after another's, in two halves of about equal
 * bytes: part 0 the plain copies (ids, sizes, flags, reference ids), part 1
 * what needs rewriting (string indices, edge offsets) and the rest. With
 * one task, part 0 does both. src's pages are given back as they are read
 * (ms_copy_release): dst's new pages reuse them, and the join of 100M
 * objects' halves went from 2.7-3.2 s to 0.9-1.1 s (the resolve after it
 * then finds fewer freed pages at hand: 0.7 s slower). */
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
    copy_optional(d->rc ? d->rc + n0 : NULL, s->rc, n1);
    copy_optional(d->len ? d->len + n0 : NULL, s->len, n1);
    /* Sites name the header's stacks: no rewriting. */
    copy_optional(d->site ? d->site + n0 : NULL, s->site, n1);
    copy_optional(d->gen ? d->gen + n0 : NULL, s->gen, n1);
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
    ms_status st = check_limits(dst, s->n, src->m, s->total_size, err);
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
    grow_nodes(dst, (size_t)d->n + s->n);
    grow_edges(dst, dst->m + src->m);
    if (s->rc || d->rc)
        d->rc = ensure_optional(d->rc, dst->cap_n);
    if (s->len || d->len)
        d->len = ensure_optional(d->len, dst->cap_n);
    if (s->site || d->site)
        d->site = ensure_optional(d->site, dst->cap_n);
    if (s->gen || d->gen)
        d->gen = ensure_optional(d->gen, dst->cap_n);
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

/* After ms_resolve_ids has put each reference's node (or MS_NONE) in to[],
 * dangling references are dropped and the edge arrays compacted in place.
 * The work is split by node ranges; each part compacts its own edges (its
 * edge range is captured before the threads start, since a part rewrites
 * the offset of its first node), then the parts are moved together. */
typedef struct compact_job {
    ms_builder *b;
    uint32_t *to;
    uint32_t node_lo[8], node_hi[8]; /* node range of each part */
    uint64_t estart[8], eend[8];     /* its edge range */
    uint64_t kept[8];                /* edges kept per part */
    uint64_t dangling[8], dfrom[8];
} compact_job;

static void compact_part(void *ctx, int part)
{
    compact_job *job = ctx;
    ms_builder *b = job->b;
    ms_heap *h = b->h;
    uint32_t *to = job->to;
    uint32_t lo = job->node_lo[part], hi = job->node_hi[part];
    uint64_t w = job->estart[part], e0 = job->estart[part], dang = 0;
    for (uint32_t node = lo; node < hi; node++) {
        uint64_t e1 = node + 1 < hi ? h->edge_off[node + 1] : job->eend[part];
        h->edge_off[node] = (uint32_t)w;
        for (uint64_t e = e0; e < e1; e++) {
            if (to[e] == MS_NONE) {
                if (dang++ == 0)
                    job->dfrom[part] = h->id[node];
                continue;
            }
            to[w] = to[e];
            h->edge_name[w] = h->edge_name[e];
            h->edge_kind[w] = h->edge_kind[e];
            w++;
        }
        e0 = e1;
    }
    job->kept[part] = w - job->estart[part];
    job->dangling[part] = dang;
}

/* The first node at or after lo whose references start at edge e or past
 * (h->n if none): where to split work by edges. */
static uint32_t first_node_from(const ms_heap *h, uint32_t lo, uint64_t e)
{
    uint32_t hi = h->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->edge_off[mid] < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Drops the dangling references (to[e] == MS_NONE) and moves the kept
 * edges together, in parts split by node ranges; returns how many are kept.
 * missing_id: the first dangling reference's target id. */
static uint64_t compact_edges(ms_builder *b, uint32_t *to, uint64_t missing_id)
{
    ms_heap *h = b->h;
    uint32_t n = h->n;
    int parts = b->m >= 65536 ? ms_parallel_tasks() : 1;
    compact_job job = { .b = b, .to = to };
    /* Split at the node where each share of the edges starts. */
    uint32_t cut = 0;
    for (int p = 0; p < parts; p++) {
        job.node_lo[p] = cut;
        if (p == parts - 1) {
            cut = n;
        } else {
            cut = first_node_from(h, cut, b->m * (uint64_t)(p + 1) / (uint64_t)parts);
        }
        job.node_hi[p] = cut;
        job.estart[p] = h->edge_off[job.node_lo[p]];
        job.eend[p] = h->edge_off[cut];
    }
    ms_parallel_run(parts, compact_part, &job);
    /* Join: move each part's kept edges down after the previous part's. */
    uint64_t w = 0;
    for (int p = 0; p < parts; p++) {
        uint32_t lo = job.node_lo[p], hi = job.node_hi[p];
        uint64_t start = job.estart[p];
        if (start != w) {
            memmove(to + w, to + start, job.kept[p] * sizeof *to);
            memmove(h->edge_name + w, h->edge_name + start, job.kept[p] * sizeof *h->edge_name);
            memmove(h->edge_kind + w, h->edge_kind + start, job.kept[p]);
            for (uint32_t i = lo; i < hi; i++)
                h->edge_off[i] -= (uint32_t)(start - w);
        }
        w += job.kept[p];
        if (job.dangling[p] && !h->dangling) {
            h->dangling_from = job.dfrom[p];
            h->dangling_to = missing_id;
        }
        h->dangling += job.dangling[p];
    }
    h->edge_off[n] = (uint32_t)w;
    return w;
}

/* Resolves every reference id and, when some dangle, compacts the edges;
 * returns MS_NONE, or the index of a node whose id an earlier node
 * (*first) has. The node indices are written over the ids they replace
 * (half their size): no new memory, and none to give back after. */
static uint32_t resolve_edges(ms_builder *b, uint32_t *first)
{
    ms_heap *h = b->h;
    uint32_t *to = (uint32_t *)(void *)b->to_id;
    uint64_t missing, missing_id = 0;
    uint32_t dup = ms_resolve_ids(h->id, h->n, b->to_id, b->m, to, first, &missing, &missing_id);
    if (dup != MS_NONE)
        return dup;
    /* When nothing dangles the edges stay where they are. */
    uint64_t w = missing ? compact_edges(b, to, missing_id) : b->m;
    h->m = (uint32_t)w;
    b->to_id = NULL;
    h->edge_to = ms_realloc_array(to, w ? w : 1, sizeof *h->edge_to);
    h->edge_name = ms_realloc_array(h->edge_name, w ? w : 1, sizeof *h->edge_name);
    h->edge_kind = ms_realloc_array(h->edge_kind, w ? w : 1, sizeof *h->edge_kind);
    return MS_NONE;
}

static int cmp_u64_pair(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return (x[1] > y[1]) - (x[1] < y[1]);
}

/* For a direct build: MS_NONE if the ids are distinct, else the lowest
 * index whose id an earlier node (*first) has. Ids below 64 per node (V8
 * numbers most objects about 2 per node) are checked with a bitmap, the
 * few others (V8 gives some native objects their address) by sorting. */
static uint32_t check_ids(const ms_heap *h, uint32_t *first)
{
    uint64_t lim = (uint64_t)h->n * 64;
    uint64_t *seen = ms_calloc(h->n + 1, sizeof *seen);
    uint64_t *big = NULL; /* (id, index) pairs */
    size_t nbig = 0, cap = 0;
    uint32_t dup = MS_NONE;
    for (uint32_t i = 0; i < h->n; i++) {
        uint64_t id = h->id[i];
        if (id >= lim) {
            MS_GROW(big, cap, 2 * nbig + 2);
            big[2 * nbig] = id;
            big[2 * nbig++ + 1] = i;
            continue;
        }
        uint64_t bit = UINT64_C(1) << (id % 64);
        if ((seen[id / 64] & bit) && dup == MS_NONE)
            dup = i;
        seen[id / 64] |= bit;
    }
    if (nbig)
        qsort(big, nbig, 2 * sizeof *big, cmp_u64_pair);
    for (size_t k = 1; k < nbig; k++)
        if (big[2 * k] == big[2 * k - 2] && big[2 * k + 1] < dup)
            dup = (uint32_t)big[2 * k + 1];
    free(seen);
    free(big);
    if (dup != MS_NONE)
        for (uint32_t i = 0; i < dup; i++)
            if (h->id[i] == h->id[dup]) {
                *first = i;
                break;
            }
    return dup;
}

/* The node of each of the nids root ids (MS_NONE when absent), in
 * node[] (the caller's, nids long). A few thousand ids go into a small
 * table (ids are hashed with a bijection, so equal hashes are equal ids)
 * that one pass over the nodes' ids fills in; more are looked up in the
 * graph's id map, built for them. */
static void find_roots(ms_heap *h, const uint64_t *ids, size_t nids, uint32_t *node)
{
    if (nids == 0)
        return;
    if (nids > (1u << 16)) {
        ms_heap_index(h);
        for (size_t i = 0; i < nids; i++)
            node[i] = ms_heap_find(h, ids[i]);
        return;
    }
    size_t nslots = 16;
    while (nslots < 2 * nids)
        nslots *= 2;
    size_t mask = nslots - 1;
    uint64_t *key = ms_malloc(nslots * sizeof *key);
    uint32_t *val = ms_malloc(nslots * sizeof *val), *slot = ms_malloc((nids + 1) * sizeof *slot);
    uint8_t *used = ms_calloc(nslots, 1);
    /* A bit per hash value's top bits, 64 bits per root id: the pass over
     * the nodes mostly finds its bit clear, a branch it can predict. */
    unsigned fbits = 12;
    while (((size_t)1 << fbits) < 64 * nids)
        fbits++;
    uint64_t *filter = ms_calloc(((size_t)1 << fbits) / 64, sizeof *filter);
    for (size_t i = 0; i < nids; i++) {
        uint64_t x = ms_hash_u64(ids[i]), f = x >> (64 - fbits);
        filter[f / 64] |= (uint64_t)1 << (f % 64);
        size_t s = (size_t)x & mask;
        while (used[s] && key[s] != x)
            s = (s + 1) & mask;
        used[s] = 1;
        key[s] = x;
        val[s] = MS_NONE;
        slot[i] = (uint32_t)s;
    }
    for (uint32_t k = 0; k < h->n; k++) {
        uint64_t x = ms_hash_u64(h->id[k]), f = x >> (64 - fbits);
        if (!(filter[f / 64] >> (f % 64) & 1))
            continue;
        for (size_t s = (size_t)x & mask; used[s]; s = (s + 1) & mask)
            if (key[s] == x) {
                val[s] = k;
                break;
            }
    }
    for (size_t i = 0; i < nids; i++)
        node[i] = val[slot[i]];
    free(filter);
    free(key);
    free(val);
    free(slot);
    free(used);
}

/* Resolves root ids: header ids first (each once), then nodes marked root. */
static void resolve_roots(ms_builder *b)
{
    ms_heap *h = b->h;
    uint32_t n = h->n;
    h->roots = ms_malloc(((size_t)b->nroot_ids + n + 1) * sizeof *h->roots);
    h->nroots = 0;
    uint8_t *listed = ms_calloc(n ? n : 1, 1);
    uint32_t *found = ms_malloc((b->nroot_ids + 1) * sizeof *found);
    find_roots(h, b->root_ids, b->nroot_ids, found);
    for (size_t i = 0; i < b->nroot_ids; i++) {
        uint32_t k = found[i];
        if (k == MS_NONE) {
            h->dangling_roots++;
            continue;
        }
        if (!listed[k]) {
            listed[k] = 1;
            h->roots[h->nroots++] = k;
        }
        if (b->root_kinds && b->root_kinds[i]) {
            if (!h->root_kind)
                h->root_kind = ms_calloc(n, sizeof *h->root_kind);
            if (!h->root_kind[k])
                h->root_kind[k] = b->root_kinds[i];
        }
    }
    free(found);
    for (uint32_t k = 0; k < n; k++)
        if ((h->flags[k] & MS_NODE_ROOT) && !listed[k])
            h->roots[h->nroots++] = k;
    for (uint32_t i = 0; i < h->nroots; i++)
        h->flags[h->roots[i]] |= MS_NODE_ROOT;
    free(listed);
    h->roots = ms_realloc_array(h->roots, h->nroots, sizeof *h->roots);
}

ms_status ms_builder_finish(ms_builder *b, ms_heap **out, ms_error *err)
{
    ms_heap *h = b->h;
    uint32_t n = h->n;
    *out = NULL;
    if (!b->direct) {
        grow_nodes(b, (size_t)n + 1);
        h->edge_off[n] = (uint32_t)b->m;
    }
    uint32_t first = MS_NONE;
    double t0 = ms_now();
    uint32_t dup = b->direct ? check_ids(h, &first) : resolve_edges(b, &first);
    last_resolve_s = ms_now() - t0;
    if (dup != MS_NONE) {
        ms_builder_free(b);
        ms_error_set(err, MS_ERR_INPUT, "duplicate id");
        err->node[0] = dup;
        err->node[1] = first;
        return MS_ERR_INPUT;
    }
    /* Shrink node arrays to fit. */
    h->id = ms_realloc_array(h->id, n, sizeof *h->id);
    h->type = ms_realloc_array(h->type, n, sizeof *h->type);
    h->size = ms_realloc_array(h->size, n, sizeof *h->size);
    h->label = ms_realloc_array(h->label, n, sizeof *h->label);
    h->flags = ms_realloc_array(h->flags, n, sizeof *h->flags);
    h->edge_off = ms_realloc_array(h->edge_off, (size_t)n + 1, sizeof *h->edge_off);
    if (h->rc)
        h->rc = ms_realloc_array(h->rc, n, sizeof *h->rc);
    if (h->len)
        h->len = ms_realloc_array(h->len, n, sizeof *h->len);
    if (h->site)
        h->site = ms_realloc_array(h->site, n, sizeof *h->site);
    if (h->gen)
        h->gen = ms_realloc_array(h->gen, n, sizeof *h->gen);
    resolve_roots(b);
    ms_strpool_seal(&h->strings);
    free(b->root_ids);
    free(b->root_kinds);
    free(b);
    *out = h;
    return MS_OK;
}

void ms_heap_free(ms_heap *h)
{
    if (!h)
        return;
    free(h->id);
    free(h->type);
    free(h->size);
    free(h->label);
    free(h->flags);
    free(h->rc);
    free(h->len);
    free(h->distance);
    free(h->role);
    free(h->site);
    free(h->gen);
    free(h->root_kind);
    free(h->sites.frame);
    free(h->sites.parent);
    free(h->loc);
    free(h->edge_off);
    free(h->edge_to);
    free(h->edge_name);
    free(h->edge_kind);
    free(h->pred_off);
    free(h->pred_from);
    free(h->roots);
    free(h->big_size);
    free(h->ids.slots);
    free(h->meta_json);
    free(h->source);
    ms_strpool_free(&h->strings);
    free(h);
}

size_t ms_index_name(char buf[MS_INDEX_NAME_MAX], uint32_t k)
{
    char digits[10];
    size_t nd = 0, n = 0;
    do {
        digits[nd++] = (char)('0' + k % 10);
        k /= 10;
    } while (k);
    buf[n++] = '[';
    while (nd)
        buf[n++] = digits[--nd];
    buf[n++] = ']';
    buf[n] = '\0';
    return n;
}

const char *ms_heap_edge_name(const ms_heap *h, uint32_t e, char buf[MS_INDEX_NAME_MAX])
{
    uint32_t name = h->edge_name[e];
    if (h->index_names && (name & MS_NAME_INDEX)) {
        ms_index_name(buf, name & ~MS_NAME_INDEX);
        return buf;
    }
    return ms_heap_str(h, name);
}

uint64_t ms_heap_big_size(const ms_heap *h, uint32_t node)
{
    uint32_t lo = 0, hi = h->nbig;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->big_size[2 * mid] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->nbig && h->big_size[2 * lo] == node ? h->big_size[2 * lo + 1] : MS_SIZE_BIG;
}

const uint8_t *ms_heap_weak_kinds(const ms_heap *h)
{
    return h->m && memchr(h->edge_kind, MS_EDGE_WEAK, h->m) ? h->edge_kind : NULL;
}

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
    sc.mid = first_node_from(h, 0, h->m / 2);
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
 * streams do. Measured here (medians): a 560 MB V8 snapshot, 6.7M numbers,
 * the dominator pass 0.61 s direct and 0.74 s radix; the 2M random heap's
 * 1.60 s and 1.53 s; 20M Python-shaped objects, the step 0.77 s and
 * 0.80 s; 100M, 7.7 s and 5.7 s (4.8 s once the second pass ran on two
 * threads, 4.2 s with the first on two as well: two runs each, beside the
 * cycle search on the other core). */
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

uint32_t ms_heap_edge_source(const ms_heap *h, uint32_t e)
{
    /* The last node whose first edge is at or before e. */
    uint32_t lo = 0, hi = h->n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->edge_off[mid] <= e)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void ms_heap_preds(ms_heap *h)
{
    if (!h->pred_off)
        ms_heap_reverse(h, false, false, &h->pred_off, &h->pred_from);
}

size_t ms_heap_node_memory(const ms_heap *h)
{
    size_t per = sizeof *h->id + sizeof *h->type + sizeof *h->size + sizeof *h->label +
                 sizeof *h->flags + sizeof *h->edge_off;
    if (h->rc)
        per += sizeof *h->rc;
    if (h->len)
        per += sizeof *h->len;
    if (h->distance)
        per += sizeof *h->distance;
    if (h->role)
        per += sizeof *h->role;
    if (h->site)
        per += sizeof *h->site;
    if (h->gen)
        per += sizeof *h->gen;
    if (h->root_kind)
        per += sizeof *h->root_kind;
    size_t idmap = h->ids.slots ? (((size_t)h->ids.mask + 1) << h->ids.part_bits) : 0;
    return per * h->n + idmap * sizeof(uint32_t) +
           (size_t)h->nroots * sizeof *h->roots + (size_t)h->nbig * 2 * sizeof *h->big_size;
}

size_t ms_heap_edge_memory(const ms_heap *h)
{
    return (size_t)h->m * (sizeof *h->edge_to + sizeof *h->edge_name + sizeof *h->edge_kind);
}

const ms_location *ms_heap_location(const ms_heap *h, uint32_t node)
{
    uint32_t lo = 0, hi = h->nloc;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (h->loc[mid].node < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->nloc && h->loc[lo].node == node ? &h->loc[lo] : NULL;
}
