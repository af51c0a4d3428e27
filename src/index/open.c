/* open.c — opening an index file (index.h, layout.h): map it, check the
 * header and every array, then point a graph's arrays into the map.
 *
 * An index is input: whatever its bytes, opening it fails with one message
 * or yields a graph on which every command stays inside its arrays. So
 * before any array is used: each lies inside the file; the reference lists
 * are monotone and end at m; every node, string, stack and tree number is
 * in range; a big size is listed for every MS_SIZE_BIG; the stacks' parent
 * links and the dominator tree have no cycle (idom[i] < i, and the child
 * lists are exactly the inverse of idom); every string ends in NUL; the
 * meta is JSON. The map is private and writable: a command that sorts the
 * tree's children in place changes its copy, never the file. */
#include "counts.h"
#include "memscope/alloc.h"
#include "memscope/reader.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ix {
    const char *path;
    const unsigned char *base;
    size_t size;
    const ms_index_header *x;
    ms_error *err;
} ix;

static ms_status bad(ix *c, const char *fmt, const char *what, uint64_t at)
{
    char why[160];
    snprintf(why, sizeof why, fmt, what, at);
    return ms_error_set(c->err, MS_ERR_INPUT, "%s: not a usable index: %s", c->path, why);
}

static const void *array(const ix *c, int a)
{
    return (c->x->present >> a & 1) ? c->base + c->x->offset[a] : NULL;
}

static const char *const names[MS_IX_COUNT] = {
#define MS_INDEX_NAME(name, field, type) #name,
    MS_INDEX_ARRAYS(MS_INDEX_NAME)
#undef MS_INDEX_NAME
};

/* The header, and each array inside the file. */
static ms_status check_layout(ix *c)
{
    const ms_index_header *x = c->x;
    if (c->size < MS_INDEX_HEADER_SIZE || memcmp(x->magic, MS_INDEX_MAGIC, 8) != 0)
        return bad(c, "%s (%" PRIu64 " bytes)", "no index header", c->size);
    if (x->bom != MS_INDEX_BOM)
        return bad(c, "%s%" PRIu64 ")", "written on a machine of the other byte order (mark ",
                   x->bom);
    if (x->version != MS_INDEX_VERSION || x->header_size != MS_INDEX_HEADER_SIZE ||
        x->narrays != MS_IX_COUNT)
        return bad(c, "%s %" PRIu64 " (this memscope reads version 1: write it again)",
                   "version", x->version);
    if (x->file_size != c->size)
        return bad(c, "%s: %" PRIu64 " bytes where the header says more or fewer",
                   "truncated or extended", c->size);
    if (x->n >= MS_NONE || x->m >= MS_NONE || x->dom_count > x->n || x->nstrings == 0 ||
        x->root_count > x->n || x->nroots >= MS_NONE || x->npred > x->m)
        return bad(c, "%s (%" PRIu64 " objects)", "counts out of range", x->n);
    if ((x->present & MS_INDEX_REQUIRED) != MS_INDEX_REQUIRED ||
        (x->present >> MS_IX_COUNT) != 0)
        return bad(c, "%s %" PRIu64, "arrays missing: present set", x->present);
    if (!memchr(x->format, 0, sizeof x->format) || !ms_reader_find(x->format))
        return bad(c, "%s%" PRIu64 ")", "unknown format name (", 0);
    for (int a = 0; a < MS_IX_COUNT; a++) {
        if (!(x->present >> a & 1))
            continue;
        uint64_t off = x->offset[a], bytes = ms_index_count(x, a) * ms_index_elem[a];
        if (off % MS_INDEX_ALIGN || off < MS_INDEX_HEADER_SIZE || off > c->size ||
            bytes > c->size - off)
            return bad(c, "array %s outside the file (at %" PRIu64 ")", names[a], off);
    }
    return MS_OK;
}

/* Every value of an array of n uint32 below lim (MS_NONE allowed if
 * none_ok). Returns the index of the first that is not, or n. */
static uint64_t first_out(const uint32_t *p, uint64_t n, uint64_t lim, bool none_ok)
{
    for (uint64_t i = 0; i < n; i++)
        if (p[i] >= lim && !(none_ok && p[i] == MS_NONE))
            return i;
    return n;
}

/* A CSR offset array of n+1 entries: from 0, monotone, ending at m. */
static uint64_t bad_offsets(const uint32_t *off, uint64_t n, uint64_t m)
{
    if (off[0] != 0)
        return 0;
    for (uint64_t i = 0; i < n; i++)
        if (off[i + 1] < off[i])
            return i + 1;
    return off[n] == m ? n + 1 : n;
}

#define CHECK_RANGE(arr, count, lim, none_ok)                                      \
    do {                                                                           \
        const uint32_t *p_ = array(c, MS_IX_##arr);                                \
        uint64_t k_ = p_ ? first_out(p_, (count), (lim), (none_ok)) : (count);     \
        if (p_ && k_ < (count))                                                    \
            return bad(c, "%s: value out of range at element %" PRIu64, #arr, k_); \
    } while (0)

static ms_status check_graph(ix *c)
{
    const ms_index_header *x = c->x;
    uint64_t n = x->n, m = x->m, ns = x->nstrings;
    if (bad_offsets(array(c, MS_IX_edge_off), n, m) != n + 1)
        return bad(c, "%s: not a reference list at element %" PRIu64, "edge_off",
                   bad_offsets(array(c, MS_IX_edge_off), n, m));
    if (bad_offsets(array(c, MS_IX_pred_off), n, x->npred) != n + 1)
        return bad(c, "%s: not a referrer list at element %" PRIu64, "pred_off",
                   bad_offsets(array(c, MS_IX_pred_off), n, x->npred));
    CHECK_RANGE(edge_to, m, n, false);
    CHECK_RANGE(pred_from, x->npred, n, false);
    CHECK_RANGE(type, n, ns, false);
    CHECK_RANGE(label, n, ns, false);
    CHECK_RANGE(root_kind, n, ns, false);
    CHECK_RANGE(site, n, (uint64_t)x->nsites + 1, false);
    CHECK_RANGE(heap_roots, x->nroots, n, false);
    CHECK_RANGE(roots, x->root_count, n, false);
    CHECK_RANGE(site_frame, x->nsites, ns, false);
    CHECK_RANGE(site_parent, x->nsites, x->nsites, true);
    const uint32_t *name = array(c, MS_IX_edge_name);
    for (uint64_t e = 0; e < m; e++)
        if ((x->flags & MS_IXH_INDEX_NAMES) && (name[e] & MS_NAME_INDEX) ? false
                                                                         : name[e] >= ns)
            return bad(c, "%s: value out of range at element %" PRIu64, "edge_name", e);
    const uint8_t *kind = array(c, MS_IX_edge_kind);
    for (uint64_t e = 0; e < m; e++)
        if (kind[e] > MS_EDGE_INTERNAL)
            return bad(c, "%s: value out of range at element %" PRIu64, "edge_kind", e);
    if (x->root_rule > MS_ROOTS_NO_REFERRERS ||
        (x->inconsistent && x->first_inconsistent >= n))
        return bad(c, "%s%" PRIu64 ")", "roots: bad rule or first inconsistent object (",
                   x->first_inconsistent);
    return MS_OK;
}

/* Sizes: every MS_SIZE_BIG listed in big_size, sorted by node. */
static ms_status check_sizes(ix *c)
{
    const ms_index_header *x = c->x;
    const uint32_t *size = array(c, MS_IX_size);
    const uint64_t *big = array(c, MS_IX_big_size);
    uint64_t k = 0;
    for (uint64_t v = 0; v < x->n; v++) {
        if (size[v] != MS_SIZE_BIG)
            continue;
        if (!big || k >= x->nbig || big[2 * k] != v)
            return bad(c, "%s: object %" PRIu64 " has no size listed", "big_size", v);
        k++;
    }
    if (k != x->nbig)
        return bad(c, "%s: %" PRIu64 " sizes listed for no object", "big_size", x->nbig - k);
    const ms_location *loc = array(c, MS_IX_loc);
    for (uint64_t i = 0; loc && i < x->nloc; i++)
        if (loc[i].node >= x->n || loc[i].script >= x->nstrings ||
            (i && loc[i].node < loc[i - 1].node))
            return bad(c, "%s: out of range or order at element %" PRIu64, "loc", i);
    return MS_OK;
}

/* Strings: each inside the arena and NUL-terminated; string 0 is "". */
static ms_status check_strings(ix *c)
{
    const ms_index_header *x = c->x;
    const char *bytes = array(c, MS_IX_str_bytes);
    const uint64_t *off = array(c, MS_IX_str_off);
    const uint32_t *len = array(c, MS_IX_str_len);
    for (uint64_t i = 0; i < x->nstrings; i++) {
        uint64_t l = len[i] & ~MS_STR_LABEL;
        if (off[i] >= x->str_bytes || l >= x->str_bytes - off[i] || bytes[off[i] + l] != 0)
            return bad(c, "%s: string %" PRIu64 " outside the arena or unterminated",
                       "str_off", i);
    }
    if (len[0] != 0)
        return bad(c, "%s: string %" PRIu64 " is not empty", "str_len", 0);
    const char *meta = array(c, MS_IX_meta);
    if (meta) {
        if (meta[x->meta_len] != 0 || memchr(meta, 0, x->meta_len))
            return bad(c, "%s (%" PRIu64 " bytes)", "meta: not one string", x->meta_len);
        cJSON *j = cJSON_ParseWithLength(meta, x->meta_len);
        bool ok = cJSON_IsObject(j);
        cJSON_Delete(j);
        if (!ok)
            return bad(c, "%s (%" PRIu64 " bytes)", "meta: not a JSON object", x->meta_len);
    }
    return MS_OK;
}

/* Stacks: following parents from any stack ends (no cycle). Marks: 0 new,
 * 1 on the current walk, 2 known to end. */
static ms_status check_stacks(ix *c)
{
    const ms_index_header *x = c->x;
    const uint32_t *parent = array(c, MS_IX_site_parent);
    if (!x->nsites)
        return MS_OK;
    uint8_t *mark = ms_calloc(x->nsites, 1);
    ms_status st = MS_OK;
    for (uint32_t s = 0; s < x->nsites && st == MS_OK; s++) {
        uint32_t t = s;
        while (t != MS_NONE && mark[t] == 0) {
            mark[t] = 1;
            t = parent[t];
        }
        if (t != MS_NONE && mark[t] == 1)
            st = bad(c, "%s: stack %" PRIu64 " is its own caller", "site_parent", t);
        for (t = s; t != MS_NONE && mark[t] == 1; t = parent[t])
            mark[t] = 2;
    }
    free(mark);
    return st;
}

/* The dominator tree: numbers and nodes inverse of each other, idom[i] <
 * i, retained sizes, and child lists that are exactly idom's inverse. */
static ms_status check_tree(ix *c)
{
    const ms_index_header *x = c->x;
    uint64_t d = x->dom_count;
    const uint32_t *num = array(c, MS_IX_dom_num), *vertex = array(c, MS_IX_dom_vertex);
    const uint32_t *idom = array(c, MS_IX_dom_idom), *kid_off = array(c, MS_IX_dom_kid_off);
    const uint32_t *kids = array(c, MS_IX_dom_kids);
    if (vertex[0] != MS_NONE || idom[0] != 0)
        return bad(c, "%s%" PRIu64 ")", "dominator tree: bad virtual root (", 0);
    for (uint64_t i = 1; i <= d; i++)
        if (vertex[i] >= x->n || num[vertex[i]] != i || idom[i] >= i)
            return bad(c, "%s: number %" PRIu64 " inconsistent", "dominator tree", i);
    uint64_t reached = 0;
    for (uint64_t v = 0; v < x->n; v++)
        if (num[v] > d)
            return bad(c, "%s: object %" PRIu64 " numbered past the tree", "dom_num", v);
        else
            reached += num[v] != 0;
    if (reached != d)
        return bad(c, "%s: %" PRIu64 " objects numbered", "dom_num", reached);
    if (bad_offsets(kid_off, d + 1, d) != d + 2)
        return bad(c, "%s: not a child list at element %" PRIu64, "dom_kid_off",
                   bad_offsets(kid_off, d + 1, d));
    for (uint64_t p = 0; p <= d; p++)
        for (uint32_t k = kid_off[p]; k < kid_off[p + 1]; k++)
            if (kids[k] == 0 || kids[k] > d || idom[kids[k]] != p)
                return bad(c, "%s: child %" PRIu64 " is not its parent's", "dom_kids", k);
    return MS_OK;
}

void ms_index_cache_free(ms_heap *h)
{
    struct ms_heap_cache *c = h->cache;
    if (!c)
        return;
    void *arrays[] = { c->roots.nodes, c->dom.num, c->dom.vertex, c->dom.idom,
                       c->dom.retained, c->dom.kid_off, c->dom.kids };
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++)
        ms_heap_release(h, arrays[k]);
    free(c);
    h->cache = NULL;
}

/* The graph over the map: every array points into it. */
static ms_heap *graph(const ix *cx, void *map, size_t len, const char *source)
{
    const ms_index_header *x = cx->x;
    ms_heap *h = ms_calloc(1, sizeof *h);
    struct ms_heap_cache *c = ms_calloc(1, sizeof *c);
#define MS_INDEX_POINT(name, field, type) field = (type *)array(cx, MS_IX_##name);
    MS_INDEX_ARRAYS(MS_INDEX_POINT)
#undef MS_INDEX_POINT
    h->n = x->n;
    h->m = x->m;
    h->nloc = h->loc ? x->nloc : 0;
    h->nbig = x->nbig;
    h->nroots = x->nroots;
    h->sites.count = x->nsites;
    /* Strings through the pool; the meta, freed with the graph, copied. */
    ms_strpool_borrow(&h->strings, h->strings.bytes, x->str_bytes, h->strings.off,
                      h->strings.len, x->nstrings);
    h->meta_json = h->meta_json ? ms_strdup(h->meta_json) : NULL;
    h->total_size = x->total_size;
    h->dangling = x->dangling;
    h->dangling_roots = x->dangling_roots;
    h->dangling_from = x->dangling_from;
    h->dangling_to = x->dangling_to;
    h->has_header = x->flags & MS_IXH_HEADER;
    h->index_names = x->flags & MS_IXH_INDEX_NAMES;
    h->tracing_gc = x->flags & MS_IXH_TRACING_GC;
    h->format = ms_reader_find(x->format)->name;
    h->source = ms_strdup(source);
    c->roots.rule = (ms_root_rule)x->root_rule;
    c->roots.count = x->root_count;
    c->roots.inconsistent = x->inconsistent;
    c->roots.first_inconsistent = x->first_inconsistent;
    c->dom.count = x->dom_count;
    h->cache = c;
    h->cache_free = ms_index_cache_free;
    h->map = map;
    h->map_len = len;
    return h;
}

/* Whether the header is one this memscope writes, for the dump as it is
 * now (id). */
static bool current(const ms_index_header *x, size_t size, const ms_index_identity *id)
{
    return size >= MS_INDEX_HEADER_SIZE && memcmp(x->magic, MS_INDEX_MAGIC, 8) == 0 &&
           x->bom == MS_INDEX_BOM && x->version == MS_INDEX_VERSION &&
           memcmp(&x->dump, id, sizeof *id) == 0;
}

ms_status ms_index_open(const char *index_path, const char *dump_path, const char *source,
                        ms_heap **out, ms_error *err)
{
    *out = NULL;
    ms_index_identity id;
    if (dump_path && ms_index_identify(dump_path, &id) != 0)
        return ms_error_set(err, MS_ERR_NOTFOUND, "%s: cannot read: %s", dump_path,
                            strerror(errno));
    int fd = open(index_path, O_RDONLY);
    if (fd < 0)
        return ms_error_set(err, dump_path ? MS_ERR_NOTFOUND : MS_ERR_IO, "%s: cannot open: %s",
                            index_path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return ms_error_set(err, dump_path ? MS_ERR_NOTFOUND : MS_ERR_INPUT,
                            "%s: not a usable index: not a regular file or empty", index_path);
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED)
        return ms_error_set(err, MS_ERR_IO, "%s: cannot map: %s", index_path, strerror(e));
    /* A header shorter than the struct reads zeroes past the file's end. */
    ms_index_header x = { 0 };
    memcpy(&x, map, len < sizeof x ? len : sizeof x);
    if (dump_path && !current(&x, len, &id)) {
        munmap(map, len);
        return ms_error_set(err, MS_ERR_NOTFOUND, "%s: stale index", index_path);
    }
    ix c = { index_path, map, len, &x, err };
    ms_status s = check_layout(&c);
    if (s == MS_OK)
        s = check_graph(&c);
    if (s == MS_OK)
        s = check_sizes(&c);
    if (s == MS_OK)
        s = check_strings(&c);
    if (s == MS_OK)
        s = check_stacks(&c);
    if (s == MS_OK)
        s = check_tree(&c);
    if (s != MS_OK) {
        munmap(map, len);
        return s;
    }
    *out = graph(&c, map, len, source);
    return MS_OK;
}
