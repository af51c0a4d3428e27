/* layout.h — the index file's layout, shared by write.c and open.c.
 *
 * A 1024-byte header, then the arrays one after another, each at a
 * multiple of 64 bytes, in the order of MS_INDEX_ARRAYS. Integers are in
 * the writer's byte order: the header's byte-order mark tells a reader of
 * the other order to refuse the file (an index is a cache: write it
 * again). Version 2. */
#ifndef MEMSCOPE_INDEX_LAYOUT_H
#define MEMSCOPE_INDEX_LAYOUT_H

#include "memscope/index.h"

#include <stdint.h>

#define MS_INDEX_MAGIC "MSINDEX\n"
#define MS_INDEX_VERSION 2
#define MS_INDEX_BOM UINT32_C(0x01020304)
#define MS_INDEX_ALIGN 64

/* The dump an index belongs to. */
typedef struct ms_index_identity {
    uint64_t size;
    int64_t mtime_sec, mtime_nsec;
    uint64_t sample_hash;
} ms_index_identity;

/* Every array: X(name, field expression on ms_heap *h or cache *c, element
 * type). Counts are fixed by the header's scalars (see counts() in both
 * files); an absent optional array has count 0. */
#define MS_INDEX_ARRAYS(X)                                  \
    X(id, h->id, uint64_t)                                  \
    X(type, h->type, uint32_t)                              \
    X(size, h->size, uint32_t)                              \
    X(label, h->label, uint32_t)                            \
    X(flags, h->flags, uint8_t)                             \
    X(rc, h->rc, uint32_t)                                  \
    X(len, h->len, uint32_t)                                \
    X(site, h->site, uint32_t)                              \
    X(gen, h->gen, uint32_t)                                \
    X(distance, h->distance, int32_t)                       \
    X(role, h->role, uint8_t)                               \
    X(root_kind, h->root_kind, uint32_t)                    \
    X(loc, h->loc, ms_location)                             \
    X(edge_off, h->edge_off, uint32_t)                      \
    X(edge_to, h->edge_to, uint32_t)                        \
    X(edge_name, h->edge_name, uint32_t)                    \
    X(edge_kind, h->edge_kind, uint8_t)                     \
    X(in_off, h->in_off, uint32_t)                          \
    X(in_from, h->in_from, uint32_t)                        \
    X(big_size, h->big_size, uint64_t)                      \
    X(heap_roots, h->roots, uint32_t)                       \
    X(site_frame, h->sites.frame, uint32_t)                 \
    X(site_parent, h->sites.parent, uint32_t)              \
    X(str_bytes, h->strings.bytes, char)                    \
    X(str_off, h->strings.off, uint64_t)                    \
    X(str_len, h->strings.len, uint32_t)                    \
    X(meta, h->meta_json, char)                             \
    X(roots, c->roots.nodes, uint32_t)                      \
    X(dom_num, c->dom.num, uint32_t)                        \
    X(dom_vertex, c->dom.vertex, uint32_t)                  \
    X(dom_idom, c->dom.idom, uint32_t)                      \
    X(dom_retained, c->dom.retained, uint64_t)              \
    X(dom_kid_off, c->dom.kid_off, uint32_t)                \
    X(dom_kids, c->dom.kids, uint32_t)                      \
    X(cyc_of, c->cycles.of, uint32_t)                       \
    X(cyc_cycle, c->cycles.cycle, ms_cycle)                 \
    X(cyc_members, c->cycles.members, uint32_t)             \
    X(bfs_parent, c->parent, uint32_t)                      \
    X(id_order, h->ids.order, uint32_t)

enum {
#define MS_INDEX_ENUM(name, field, type) MS_IX_##name,
    MS_INDEX_ARRAYS(MS_INDEX_ENUM)
#undef MS_INDEX_ENUM
    MS_IX_COUNT
};

/* Bits of ms_index_header.has: which optional arrays are present. */
enum {
    MS_IXH_HEADER = 1, MS_IXH_INDEX_NAMES = 2, MS_IXH_TRACING_GC = 4
};

typedef struct ms_index_header {
    char magic[8];
    uint32_t bom, version;
    uint32_t header_size, narrays;
    ms_index_identity dump;
    char format[16];              /* the reader's name, NUL-terminated */
    uint32_t n, m, nloc, nbig, nroots, nsites, nstrings, flags;
    uint64_t str_bytes, meta_len;
    uint64_t total_size, dangling, dangling_roots, dangling_from, dangling_to;
    uint32_t root_rule, root_count, first_inconsistent, dom_count;
    uint64_t inconsistent;
    uint32_t ncycles, pad_;
    uint64_t cyc_objects, cyc_bytes;
    uint64_t present;             /* bit MS_IX_x: array x is in the file */
    uint64_t offset[MS_IX_COUNT]; /* where each array starts */
    uint64_t file_size;
} ms_index_header;

_Static_assert(sizeof(ms_index_header) <= 1024, "the index header fits its 1024 bytes");
#define MS_INDEX_HEADER_SIZE 1024

/* Frees h->cache, leaving what lies in h's map (h->cache_free). */
void ms_index_cache_free(ms_heap *h);

/* The dump's identity as it is now: returns 0, or -1 with errno set. The
 * _fd form reads the file open as fd (and leaves it open). */
int ms_index_identify(const char *dump_path, ms_index_identity *out);
int ms_index_identify_fd(int fd, ms_index_identity *out);

/* The cache folder ($XDG_CACHE_HOME/memscope, else ~/.cache/memscope)
 * into dir[n]; false without either variable. */
bool ms_index_cache_dir(char *dir, size_t n);

/* Whether the index open as fd passed every check before and has not
 * changed since (trust.c). */
bool ms_index_checked_before(int fd);

/* Records that the index open as fd passed every check that began at
 * time started (seconds since the epoch), or was just_written by this
 * memscope. Does nothing when the file is too new to tell a later change
 * by its change time, or without a cache folder to write in. */
void ms_index_record_checked(int fd, int64_t started, bool just_written);

#endif
