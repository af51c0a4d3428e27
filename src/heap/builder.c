/* builder.c — the graph builder: records added one by one (ms_builder_add)
 * or, for readers whose references name their targets by position, the
 * arrays sized at once (ms_builder_direct); setters for what a reader
 * learns after a record. Reference targets stay 64-bit ids until
 * ms_builder_finish (finish.c) resolves them: dumps reference objects that
 * appear later. */
#include "builder.h"
#include "memscope/alloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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
        b->h->site = ms_builder_new_column(b->cap_n ? b->cap_n : 1);
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

void ms_builder_grow_nodes(ms_builder *b, size_t need)
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
#define GROW_COLUMN(col, flag)                                          \
    if (h->col)                                                         \
        h->col = ms_realloc_array(h->col, cap, sizeof *h->col);
    MS_NODE_COLUMNS(GROW_COLUMN)
#undef GROW_COLUMN
    b->cap_n = cap;
}

void ms_builder_grow_edges(ms_builder *b, uint64_t need)
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
    ms_builder_grow_nodes(b, nodes < MS_MAX_NODES ? nodes : MS_MAX_NODES);
    ms_builder_grow_edges(b, edges < MS_MAX_EDGES ? edges : MS_MAX_EDGES);
}

ms_status ms_builder_check_limits(const ms_builder *b, uint64_t nodes, uint64_t edges,
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

ms_heap *ms_builder_direct(ms_builder *b, uint32_t n, uint64_t m, ms_direct_edges given,
                           ms_error *err)
{
    ms_heap *h = b->h;
    if (ms_builder_check_limits(b, n, m, 0, err) != MS_OK) {
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
    ms_status st = ms_builder_check_limits(b, 1, nedges, r->size, err);
    if (st != MS_OK)
        return st;
    ms_builder_grow_nodes(b, (size_t)h->n + 1);
    uint32_t k = h->n;
    h->id[k] = r->id;
    h->type[k] = r->type;
    ms_builder_set_size(b, k, r->size);
    h->label[k] = r->label;
    h->flags[k] = r->flags;
    /* A column is made when the first record has a value for it; from
     * then on every node has an entry (0 where its record had none). */
#define ADD_COLUMN(col, flag)                                           \
    {                                                                   \
        bool given = (flag) ? (r->flags & (flag)) != 0 : r->col != 0;   \
        if (given && !h->col)                                           \
            h->col = ms_builder_new_column(b->cap_n);                   \
        if (h->col)                                                     \
            h->col[k] = given ? r->col : 0;                             \
    }
    MS_NODE_COLUMNS(ADD_COLUMN)
#undef ADD_COLUMN

    ms_builder_grow_edges(b, b->m + nedges);
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
