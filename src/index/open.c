/* open.c — opening an index file (index.h, layout.h): map it, check it
 * (check.c; its arrays once per file, trust.c), then point a graph's
 * arrays into the map. The map is private and writable: a command that
 * sorts the tree's children in place changes its copy, never the file. */
#include "check.h"
#include "counts.h"
#include "memscope/alloc.h"
#include "memscope/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef ms_ix ix;

void ms_index_cache_free(ms_heap *h)
{
    struct ms_heap_cache *c = h->cache;
    if (!c)
        return;
    void *arrays[] = { c->roots.nodes, c->dom.num,        c->dom.vertex,
                       c->dom.idom,    c->dom.retained,   c->dom.kid_off,
                       c->dom.kids,    c->cycles.of,      c->cycles.cycle,
                       c->cycles.members, c->parent };
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
#define MS_INDEX_POINT(name, field, type) field = (type *)ms_ix_array(cx, MS_IX_##name);
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
    c->cycles.count = x->ncycles;
    c->cycles.objects = x->cyc_objects;
    c->cycles.bytes = x->cyc_bytes;
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
                        ms_heap **out, bool *checked_before, ms_error *err)
{
    *out = NULL;
    if (checked_before)
        *checked_before = false;
    /* The index first: most dumps have none, and then the dump's samples
     * are not read at all. */
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
    ms_index_identity id;
    if (dump_path && ms_index_identify(dump_path, &id) != 0) {
        int e = errno;
        close(fd);
        return ms_error_set(err, MS_ERR_NOTFOUND, "%s: cannot read: %s", dump_path,
                            strerror(e));
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        int e = errno;
        close(fd);
        return ms_error_set(err, MS_ERR_IO, "%s: cannot map: %s", index_path, strerror(e));
    }
    /* A header shorter than the struct reads zeroes past the file's end. */
    ms_index_header x = { 0 };
    memcpy(&x, map, len < sizeof x ? len : sizeof x);
    ms_status s = MS_OK;
    if (dump_path && !current(&x, len, &id))
        s = ms_error_set(err, MS_ERR_NOTFOUND, "%s: stale index", index_path);
    ix c = { index_path, map, len, &x, err };
    if (s == MS_OK)
        s = ms_ix_check_layout(&c);
    if (s == MS_OK) {
        /* The arrays' checks read the whole file: once per index. */
        bool before = ms_index_checked_before(fd);
        int64_t started = (int64_t)time(NULL);
        if (!before && (s = ms_ix_check_arrays(&c)) == MS_OK)
            ms_index_record_checked(fd, started, false);
        if (checked_before)
            *checked_before = before;
    }
    close(fd);
    if (s != MS_OK) {
        munmap(map, len);
        return s;
    }
    *out = graph(&c, map, len, source);
    return MS_OK;
}
