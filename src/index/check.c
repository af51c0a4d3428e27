/* check.c — checking an index's bytes before a graph is built on them
 * (check.h): the header and where each array lies, then what each array
 * holds.
 *
 * An index is input: whatever its bytes, opening it fails with one message
 * or yields a graph on which every command stays inside its arrays. So
 * before any array is used: each lies inside the file, and one absent
 * counts nothing or is a per-object column that no flag claims a value in;
 * the reference lists are monotone and end at m; every node, string, stack
 * and tree number is in range; a big size is listed for every MS_SIZE_BIG,
 * and the sizes add up to the total and the retained sizes; the stacks'
 * parent links and the dominator tree have no cycle (idom[i] < i, and the
 * child lists are exactly the inverse of idom); the cycles' members are the
 * objects numbered so; the id order is every node by id ascending; every
 * breadth-first parent refers to its child and every chain ends at a root;
 * every string ends in NUL and is UTF-8; the meta is JSON. The array
 * checks read the whole index: open.c runs them once per index file
 * (trust.c). */
#include "check.h"
#include "counts.h"
#include "memscope/alloc.h"
#include "memscope/reader.h"
#include "memscope/utf8.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef ms_ix ix;

#define TEXT_OF(x) #x
#define TEXT(x) TEXT_OF(x)
#define VERSION_TEXT TEXT(MS_INDEX_VERSION)

static ms_status bad(ix *c, const char *fmt, const char *what, uint64_t at)
{
    char why[160];
    snprintf(why, sizeof why, fmt, what, at);
    return ms_error_set(c->err, MS_ERR_INPUT, "%s: not a usable index: %s", c->path, why);
}

/* Gives back the pages of the map read so far: the checks only read, so
 * the pages are the file's as they were and come back from the page cache
 * when a command reads them. Without it, opening would hold the whole
 * index in memory for a command that asks about one object. */
static void forget(const ix *c)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (c->size > page)
        madvise((void *)(c->base + page), c->size - page, MADV_DONTNEED);
}

/* Every WINDOW elements of a long scan, forget what it read. */
#define WINDOW (UINT64_C(1) << 22)

const void *ms_ix_array(const ix *c, int a)
{
    if (!(c->x->present >> a & 1))
        return NULL;
    return c->x->offset[a] < c->size ? c->base + c->x->offset[a] : c->base;
}

static const char *const names[MS_IX_COUNT] = {
#define MS_INDEX_NAME(name, field, type) #name,
    MS_INDEX_ARRAYS(MS_INDEX_NAME)
#undef MS_INDEX_NAME
};

/* The header, and each array inside the file. */
ms_status ms_ix_check_layout(ix *c)
{
    const ms_index_header *x = c->x;
    if (c->size < MS_INDEX_HEADER_SIZE || memcmp(x->magic, MS_INDEX_MAGIC, 8) != 0)
        return bad(c, "%s (%" PRIu64 " bytes)", "no index header", c->size);
    if (x->bom != MS_INDEX_BOM)
        return bad(c, "%s%" PRIu64 ")", "written on a machine of the other byte order (mark ",
                   x->bom);
    if (x->version != MS_INDEX_VERSION || x->header_size != MS_INDEX_HEADER_SIZE ||
        x->narrays != MS_IX_COUNT)
        return bad(c,
                   "%s %" PRIu64 " (this memscope reads version " VERSION_TEXT
                   ": write it again)",
                   "version", x->version);
    if (x->file_size != c->size)
        return bad(c, "%s: %" PRIu64 " bytes where the header says more or fewer",
                   "truncated or extended", c->size);
    if (x->n >= MS_NONE || x->m >= MS_NONE || x->dom_count > x->n || x->nstrings == 0 ||
        x->root_count > x->n || x->nroots >= MS_NONE ||
        x->str_bytes > c->size || x->meta_len > c->size)
        return bad(c, "%s (%" PRIu64 " objects)", "counts out of range", x->n);
    if ((x->present & MS_INDEX_REQUIRED) != MS_INDEX_REQUIRED ||
        (x->present >> MS_IX_COUNT) != 0)
        return bad(c, "%s %" PRIu64, "arrays missing: present set", x->present);
    if (!memchr(x->format, 0, sizeof x->format) || !ms_reader_find(x->format))
        return bad(c, "%s%" PRIu64 ")", "unknown format name (", 0);
    for (int a = 0; a < MS_IX_COUNT; a++) {
        if (!(x->present >> a & 1)) {
            /* Absent, an array counted by its own scalar must count none
             * (the per-object columns and the meta may just be absent). */
            bool own = a == MS_IX_loc || a == MS_IX_big_size || a == MS_IX_heap_roots ||
                       a == MS_IX_site_frame || a == MS_IX_site_parent || a == MS_IX_roots;
            if (own && ms_index_count(x, a) != 0)
                return bad(c, "array %s missing (%" PRIu64 " elements)", names[a],
                           ms_index_count(x, a));
            continue;
        }
        uint64_t off = x->offset[a], bytes = ms_index_count(x, a) * ms_index_elem[a];
        if (off % MS_INDEX_ALIGN || off < MS_INDEX_HEADER_SIZE || off > c->size ||
            bytes > c->size - off)
            return bad(c, "array %s outside the file (at %" PRIu64 ")", names[a], off);
    }
    return MS_OK;
}

/* Every value of an array of n uint32 below lim (MS_NONE allowed if
 * none_ok). Returns the index of the first that is not, or n. */
static uint64_t first_out(const ix *c, const uint32_t *p, uint64_t n, uint64_t lim,
                          bool none_ok)
{
    for (uint64_t i = 0; i < n; i++) {
        if (p[i] >= lim && !(none_ok && p[i] == MS_NONE))
            return i;
        if ((i + 1) % WINDOW == 0)
            forget(c);
    }
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
        const uint32_t *p_ = ms_ix_array(c, MS_IX_##arr);                          \
        uint64_t k_ = p_ ? first_out(c, p_, (count), (lim), (none_ok)) : (count);  \
        if (p_ && k_ < (count))                                                    \
            return bad(c, "%s: value out of range at element %" PRIu64, #arr, k_); \
        forget(c);                                                                 \
    } while (0)

static ms_status check_graph(ix *c)
{
    const ms_index_header *x = c->x;
    uint64_t n = x->n, m = x->m, ns = x->nstrings;
    if (bad_offsets(ms_ix_array(c, MS_IX_edge_off), n, m) != n + 1)
        return bad(c, "%s: not a reference list at element %" PRIu64, "edge_off",
                   bad_offsets(ms_ix_array(c, MS_IX_edge_off), n, m));
    if (bad_offsets(ms_ix_array(c, MS_IX_in_off), n, m) != n + 1)
        return bad(c, "%s: not a referrer list at element %" PRIu64, "in_off",
                   bad_offsets(ms_ix_array(c, MS_IX_in_off), n, m));
    forget(c);
    CHECK_RANGE(edge_to, m, n, false);
    CHECK_RANGE(in_from, m, n, false);
    CHECK_RANGE(type, n, ns, false);
    CHECK_RANGE(label, n, ns, false);
    CHECK_RANGE(root_kind, n, ns, false);
    CHECK_RANGE(site, n, (uint64_t)x->nsites + 1, false);
    CHECK_RANGE(heap_roots, x->nroots, n, false);
    CHECK_RANGE(roots, x->root_count, n, false);
    CHECK_RANGE(site_frame, x->nsites, ns, false);
    CHECK_RANGE(site_parent, x->nsites, x->nsites, true);
    const uint32_t *name = ms_ix_array(c, MS_IX_edge_name);
    for (uint64_t e = 0; e < m; e++) {
        if ((x->flags & MS_IXH_INDEX_NAMES) && (name[e] & MS_NAME_INDEX) ? false
                                                                         : name[e] >= ns)
            return bad(c, "%s: value out of range at element %" PRIu64, "edge_name", e);
        if ((e + 1) % WINDOW == 0)
            forget(c);
    }
    forget(c);
    const uint8_t *kind = ms_ix_array(c, MS_IX_edge_kind);
    for (uint64_t e = 0; e < m; e++)
        if (kind[e] > MS_EDGE_INTERNAL)
            return bad(c, "%s: value out of range at element %" PRIu64, "edge_kind", e);
    /* A value that a flag claims lies in its column (rc, len). */
    const uint8_t *flags = ms_ix_array(c, MS_IX_flags);
    uint8_t lacking = (ms_ix_array(c, MS_IX_rc) ? 0 : MS_NODE_HAS_RC) |
                      (ms_ix_array(c, MS_IX_len) ? 0 : MS_NODE_HAS_LEN);
    for (uint64_t v = 0; lacking && v < n; v++)
        if (flags[v] & lacking)
            return bad(c, "%s: object %" PRIu64 " has a value in an absent column", "flags", v);
    if (x->root_rule > MS_ROOTS_NO_REFERRERS ||
        (x->inconsistent && (x->first_inconsistent >= n || !ms_ix_array(c, MS_IX_rc))))
        return bad(c, "%s%" PRIu64 ")", "roots: bad rule or first inconsistent object (",
                   x->first_inconsistent);
    return MS_OK;
}

/* The most bytes the objects of a graph add up to (the builder's limit,
 * src/heap/builder.c): no sum of sizes below it overflows. */
#define MAX_TOTAL (UINT64_C(1) << 62)

/* Sizes: every MS_SIZE_BIG listed in big_size, sorted by node; the sizes
 * add up to the header's total, at most MAX_TOTAL. */
static ms_status check_sizes(ix *c)
{
    const ms_index_header *x = c->x;
    const uint32_t *size = ms_ix_array(c, MS_IX_size);
    const uint64_t *big = ms_ix_array(c, MS_IX_big_size);
    uint64_t k = 0, total = 0;
    for (uint64_t v = 0; v < x->n; v++) {
        uint64_t s = size[v];
        if (size[v] == MS_SIZE_BIG) {
            if (!big || k >= x->nbig || big[2 * k] != v)
                return bad(c, "%s: object %" PRIu64 " has no size listed", "big_size", v);
            s = big[2 * k++ + 1];
        }
        if (s > MAX_TOTAL || (total += s) > MAX_TOTAL)
            return bad(c, "%s: sizes past 2^62 bytes at object %" PRIu64, "size", v);
        if ((v + 1) % WINDOW == 0)
            forget(c);
    }
    if (k != x->nbig)
        return bad(c, "%s: %" PRIu64 " sizes listed for no object", "big_size", x->nbig - k);
    if (total != x->total_size)
        return bad(c, "%s: the sizes add up to %" PRIu64 " bytes", "total_size", total);
    const ms_location *loc = ms_ix_array(c, MS_IX_loc);
    for (uint64_t i = 0; loc && i < x->nloc; i++)
        if (loc[i].node >= x->n || loc[i].script >= x->nstrings ||
            (i && loc[i].node < loc[i - 1].node))
            return bad(c, "%s: out of range or order at element %" PRIu64, "loc", i);
    return MS_OK;
}

/* Strings: each inside the arena, NUL-terminated and well-formed UTF-8;
 * string 0 is "". The meta is one JSON object in UTF-8. */
static ms_status check_strings(ix *c)
{
    const ms_index_header *x = c->x;
    const char *bytes = ms_ix_array(c, MS_IX_str_bytes);
    const uint64_t *off = ms_ix_array(c, MS_IX_str_off);
    const uint32_t *len = ms_ix_array(c, MS_IX_str_len);
    for (uint64_t i = 0; i < x->nstrings; i++) {
        uint64_t l = len[i] & ~MS_STR_LABEL;
        if (off[i] >= x->str_bytes || l >= x->str_bytes - off[i] || bytes[off[i] + l] != 0)
            return bad(c, "%s: string %" PRIu64 " outside the arena or unterminated",
                       "str_off", i);
        if (!ms_utf8_valid(bytes + off[i], l))
            return bad(c, "%s: string %" PRIu64 " is not UTF-8", "str_bytes", i);
        if ((i + 1) % WINDOW == 0)
            forget(c);
    }
    if (len[0] != 0)
        return bad(c, "%s: string %" PRIu64 " is not empty", "str_len", 0);
    const char *meta = ms_ix_array(c, MS_IX_meta);
    if (meta) {
        if (meta[x->meta_len] != 0 || memchr(meta, 0, x->meta_len))
            return bad(c, "%s (%" PRIu64 " bytes)", "meta: not one string", x->meta_len);
        if (!ms_utf8_valid(meta, x->meta_len))
            return bad(c, "%s (%" PRIu64 " bytes)", "meta: not UTF-8", x->meta_len);
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
    const uint32_t *parent = ms_ix_array(c, MS_IX_site_parent);
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

/* Object v's size, once check_sizes has passed. */
static uint64_t size_of(const ix *c, uint32_t v)
{
    const uint32_t *size = ms_ix_array(c, MS_IX_size);
    const uint64_t *big = ms_ix_array(c, MS_IX_big_size);
    if (size[v] != MS_SIZE_BIG)
        return size[v];
    uint64_t lo = 0, hi = c->x->nbig;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (big[2 * mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return big[2 * lo + 1];
}

/* The dominator tree: numbers and nodes inverse of each other, idom[i] <
 * i, child lists that are exactly idom's inverse, and retained sizes that
 * add up. */
static ms_status check_tree(ix *c)
{
    const ms_index_header *x = c->x;
    uint64_t d = x->dom_count;
    const uint32_t *num = ms_ix_array(c, MS_IX_dom_num);
    const uint32_t *vertex = ms_ix_array(c, MS_IX_dom_vertex);
    const uint32_t *idom = ms_ix_array(c, MS_IX_dom_idom);
    const uint32_t *kid_off = ms_ix_array(c, MS_IX_dom_kid_off);
    const uint32_t *kids = ms_ix_array(c, MS_IX_dom_kids);
    if (vertex[0] != MS_NONE || idom[0] != 0)
        return bad(c, "%s%" PRIu64 ")", "dominator tree: bad virtual root (", 0);
    for (uint64_t i = 1; i <= d; i++)
        if (vertex[i] >= x->n || num[vertex[i]] != i || idom[i] >= i)
            return bad(c, "%s: number %" PRIu64 " inconsistent", "dominator tree", i);
    forget(c);
    uint64_t reached = 0;
    for (uint64_t v = 0; v < x->n; v++)
        if (num[v] > d)
            return bad(c, "%s: object %" PRIu64 " numbered past the tree", "dom_num", v);
        else
            reached += num[v] != 0;
    if (reached != d)
        return bad(c, "%s: %" PRIu64 " objects numbered", "dom_num", reached);
    forget(c);
    if (bad_offsets(kid_off, d + 1, d) != d + 2)
        return bad(c, "%s: not a child list at element %" PRIu64, "dom_kid_off",
                   bad_offsets(kid_off, d + 1, d));
    for (uint64_t p = 0; p <= d; p++)
        for (uint32_t k = kid_off[p]; k < kid_off[p + 1]; k++)
            if (kids[k] == 0 || kids[k] > d || idom[kids[k]] != p)
                return bad(c, "%s: child %" PRIu64 " is not its parent's", "dom_kids", k);
    forget(c);
    /* Each retained size is the object's own and its children's: then
     * each is its subtree's sum, at most the total (check_sizes). */
    const uint64_t *retained = ms_ix_array(c, MS_IX_dom_retained);
    for (uint64_t p = 0; p <= d; p++) {
        uint64_t sum = p ? size_of(c, vertex[p]) : 0;
        for (uint32_t k = kid_off[p]; k < kid_off[p + 1]; k++)
            sum += retained[kids[k]];
        if (sum != retained[p])
            return bad(c, "%s: number %" PRIu64 " retains other than its subtree",
                       "dom_retained", p);
    }
    return MS_OK;
}

/* The cycles: numbers within count, each cycle's members the objects
 * numbered so, in dump order, one group after another; their sizes add up
 * to the cycle's bytes and the cycles' to the header's totals. */
static ms_status check_cycles(ix *c)
{
    const ms_index_header *x = c->x;
    const uint32_t *of = ms_ix_array(c, MS_IX_cyc_of), *members = ms_ix_array(c, MS_IX_cyc_members);
    const ms_cycle *cycle = ms_ix_array(c, MS_IX_cyc_cycle);
    if (x->ncycles > x->n || x->cyc_objects > x->n || x->cyc_bytes > x->total_size)
        return bad(c, "%s (%" PRIu64 " cycles)", "cycles: counts out of range", x->ncycles);
    uint64_t in = 0;
    for (uint64_t v = 0; v < x->n; v++) {
        if (of[v] > x->ncycles)
            return bad(c, "%s: object %" PRIu64 " in no cycle listed", "cyc_of", v);
        in += of[v] != 0;
        if ((v + 1) % WINDOW == 0)
            forget(c);
    }
    if (in != x->cyc_objects)
        return bad(c, "%s: %" PRIu64 " objects in cycles", "cyc_of", in);
    forget(c);
    uint64_t pos = 0, bytes = 0;
    for (uint64_t k = 1; k <= x->ncycles; k++) {
        const ms_cycle *cy = &cycle[k];
        uint8_t reachable;
        memcpy(&reachable, &cy->reachable, 1);
        if (cy->first != pos || cy->objects == 0 || cy->objects > x->cyc_objects - pos ||
            reachable > 1)
            return bad(c, "%s: cycle %" PRIu64 " out of place", "cyc_cycle", k);
        uint64_t sum = 0;
        for (uint64_t j = pos; j < pos + cy->objects; j++) {
            if (members[j] >= x->n || of[members[j]] != k ||
                (j > pos && members[j] <= members[j - 1]))
                return bad(c, "%s: member %" PRIu64 " out of place", "cyc_members", j);
            sum += size_of(c, members[j]);
        }
        if (sum != cy->bytes)
            return bad(c, "%s: cycle %" PRIu64 " has other bytes than its members",
                       "cyc_cycle", k);
        pos += cy->objects;
        bytes += sum;
    }
    if (pos != x->cyc_objects || bytes != x->cyc_bytes)
        return bad(c, "%s (%" PRIu64 " objects)", "cycles: totals differ from the cycles",
                   pos);
    return MS_OK;
}

/* The id order: every node once, by id strictly ascending. */
static ms_status check_order(ix *c)
{
    const ms_index_header *x = c->x;
    const uint32_t *order = ms_ix_array(c, MS_IX_id_order);
    const uint64_t *id = ms_ix_array(c, MS_IX_id);
    for (uint64_t k = 0; k < x->n; k++) {
        if (order[k] >= x->n || (k && id[order[k]] <= id[order[k - 1]]))
            return bad(c, "%s: out of range or order at element %" PRIu64, "id_order", k);
        if ((k + 1) % WINDOW == 0)
            forget(c);
    }
    return MS_OK;
}

/* The breadth-first parents: each root its own parent, any other object
 * reached from an object with a strong reference to it, the reached ones
 * exactly those the dominator tree numbers, and no chain of parents that
 * does not end at a root. Marks: 0 new, 1 on the current chain, 2 ends. */
static ms_status check_parents(ix *c)
{
    const ms_index_header *x = c->x;
    uint64_t n = x->n;
    const uint32_t *parent = ms_ix_array(c, MS_IX_bfs_parent), *num = ms_ix_array(c, MS_IX_dom_num);
    const uint32_t *roots = ms_ix_array(c, MS_IX_roots), *off = ms_ix_array(c, MS_IX_edge_off);
    const uint32_t *to = ms_ix_array(c, MS_IX_edge_to);
    const uint8_t *kind = ms_ix_array(c, MS_IX_edge_kind);
    uint8_t *mark = ms_calloc(n + 1, 1);
    ms_status st = MS_OK;
    for (uint64_t r = 0; r < x->root_count; r++)
        mark[roots[r]] = 2;
    for (uint64_t v = 0; v < n && st == MS_OK; v++) {
        uint32_t p = parent[v];
        if ((p == MS_NONE) != (num[v] == 0) || (p != MS_NONE && p >= n) ||
            ((p == v) != (mark[v] == 2 && p != MS_NONE)))
            st = bad(c, "%s: object %" PRIu64 " has a parent out of place", "bfs_parent", v);
    }
    /* Chains end at a root (marked 2 above). */
    for (uint64_t v = 0; v < n && st == MS_OK; v++) {
        uint32_t t = (uint32_t)v;
        while (parent[t] != MS_NONE && mark[t] == 0) {
            mark[t] = 1;
            t = parent[t];
        }
        if (parent[t] != MS_NONE && mark[t] == 1)
            st = bad(c, "%s: object %" PRIu64 " is its own ancestor", "bfs_parent", t);
        for (t = (uint32_t)v; parent[t] != MS_NONE && mark[t] == 1; t = parent[t])
            mark[t] = 2;
    }
    forget(c);
    /* Each parent refers to its child: mark 3 once a strong reference is
     * seen. */
    for (uint64_t u = 0; u < n && st == MS_OK; u++) {
        for (uint32_t e = off[u]; e < off[u + 1]; e++)
            if (kind[e] != MS_EDGE_WEAK && parent[to[e]] == u)
                mark[to[e]] = 3;
        if ((u + 1) % WINDOW == 0)
            forget(c);
    }
    for (uint64_t v = 0; v < n && st == MS_OK; v++)
        if (parent[v] != MS_NONE && parent[v] != v && mark[v] != 3)
            st = bad(c, "%s: object %" PRIu64 " not referred to by its parent", "bfs_parent",
                     v);
    free(mark);
    return st;
}

/* Every check of the arrays, in order; the first failure's status. */
ms_status ms_ix_check_arrays(ix *c)
{
    ms_status (*const checks[])(ix *) = { check_graph, check_sizes, check_strings,
                                          check_stacks, check_tree,
                                          check_cycles, check_order, check_parents };
    ms_status s = MS_OK;
    for (size_t k = 0; k < sizeof checks / sizeof *checks && s == MS_OK; k++) {
        forget(c);
        s = checks[k](c);
    }
    forget(c);
    return s;
}
