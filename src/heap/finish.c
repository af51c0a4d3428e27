/* finish.c — ms_builder_finish: reference ids resolved to node indices all
 * at once with a partitioned hash join (resolve.c), dangling references
 * dropped and counted, ids checked distinct, roots resolved, and the
 * arrays moved into the graph. */
#include "builder.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

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
            cut = ms_heap_first_node_from(h, cut, b->m * (uint64_t)(p + 1) / (uint64_t)parts);
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
    return ms_builder_finish_timed(b, out, NULL, err);
}

ms_status ms_builder_finish_timed(ms_builder *b, ms_heap **out, double *resolve_s,
                                  ms_error *err)
{
    ms_heap *h = b->h;
    uint32_t n = h->n;
    *out = NULL;
    if (!b->direct) {
        ms_builder_grow_nodes(b, (size_t)n + 1);
        h->edge_off[n] = (uint32_t)b->m;
    }
    uint32_t first = MS_NONE;
    double t0 = ms_now();
    uint32_t dup = b->direct ? check_ids(h, &first) : resolve_edges(b, &first);
    if (resolve_s)
        *resolve_s = ms_now() - t0;
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
#define SHRINK_COLUMN(col, flag)                                        \
    if (h->col)                                                         \
        h->col = ms_realloc_array(h->col, n, sizeof *h->col);
    MS_NODE_COLUMNS(SHRINK_COLUMN)
#undef SHRINK_COLUMN
    resolve_roots(b);
    ms_strpool_seal(&h->strings);
    free(b->root_ids);
    free(b->root_kinds);
    free(b);
    *out = h;
    return MS_OK;
}
