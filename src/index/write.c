/* write.c — writing a dump's index (index.h, layout.h): the header, then
 * each array of the graph, its strings, roots, referrer lists and
 * dominator tree as they are in memory, 64-byte aligned. */
#include "counts.h"
#include "memscope/alloc.h"
#include "memscope/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The heap's roots, dominator tree and cycles, computed into h->cache
 * (on two threads, as analyses run) if it has none. */
static void ensure_cache(ms_heap *h)
{
    if (h->cache)
        return;
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &a);
    struct ms_heap_cache *c = ms_calloc(1, sizeof *c);
    c->roots = a.roots;
    c->dom = a.dom;
    c->cycles = a.cycles;
    /* The shapes are each run's own (ms_cycles_classify). */
    for (uint32_t i = 0; i < a.cycles.nshapes; i++)
        free(a.cycles.shapes[i].text);
    free(a.cycles.shapes);
    c->cycles.shapes = NULL;
    c->cycles.nshapes = 0;
    free(a.types);
    c->parent = ms_bfs_parents(h, &c->roots, NULL, 0);
    h->cache = c;
    h->cache_free = ms_index_cache_free;
}

static void fill_header(const ms_heap *h, const ms_index_identity *id, ms_index_header *x)
{
    const struct ms_heap_cache *c = h->cache;
    memset(x, 0, sizeof *x);
    memcpy(x->magic, MS_INDEX_MAGIC, 8);
    x->bom = MS_INDEX_BOM;
    x->version = MS_INDEX_VERSION;
    x->header_size = MS_INDEX_HEADER_SIZE;
    x->narrays = MS_IX_COUNT;
    x->dump = *id;
    snprintf(x->format, sizeof x->format, "%s", h->format ? h->format : "");
    x->n = h->n;
    x->m = h->m;
    x->nloc = h->loc ? h->nloc : 0;
    x->nbig = h->nbig;
    x->nroots = h->nroots;
    x->nsites = h->sites.count;
    x->nstrings = h->strings.count;
    x->flags = (h->has_header ? MS_IXH_HEADER : 0) | (h->index_names ? MS_IXH_INDEX_NAMES : 0) |
               (h->tracing_gc ? MS_IXH_TRACING_GC : 0);
    x->str_bytes = h->strings.nbytes;
    x->meta_len = h->meta_json ? strlen(h->meta_json) : 0;
    x->total_size = h->total_size;
    x->dangling = h->dangling;
    x->dangling_roots = h->dangling_roots;
    x->dangling_from = h->dangling_from;
    x->dangling_to = h->dangling_to;
    x->root_rule = c->roots.rule;
    x->root_count = c->roots.count;
    x->first_inconsistent = c->roots.first_inconsistent;
    x->inconsistent = c->roots.inconsistent;
    x->dom_count = c->dom.count;
    x->ncycles = c->cycles.count;
    x->cyc_objects = c->cycles.objects;
    x->cyc_bytes = c->cycles.bytes;
}

ms_status ms_index_write(ms_heap *h, const char *dump_path, const char *out_path,
                         ms_error *err)
{
    ms_index_identity id;
    if (ms_index_identify(dump_path, &id) != 0)
        return ms_error_set(err, MS_ERR_IO, "%s: cannot read: %s", dump_path, strerror(errno));
    ensure_cache(h);
    ms_heap_id_order(h);
    ms_heap_preds(h);
    ms_index_header x;
    fill_header(h, &id, &x);
    const struct ms_heap_cache *c = h->cache;
    const void *data[MS_IX_COUNT] = {
#define MS_INDEX_DATA(name, field, type) (const void *)(field),
        MS_INDEX_ARRAYS(MS_INDEX_DATA)
#undef MS_INDEX_DATA
    };
    uint64_t at = MS_INDEX_HEADER_SIZE;
    for (int a = 0; a < MS_IX_COUNT; a++) {
        uint64_t bytes = ms_index_count(&x, a) * ms_index_elem[a];
        if (!data[a] || (a == MS_IX_loc && !x.nloc))
            continue;
        x.present |= 1ull << a;
        x.offset[a] = at;
        at += (bytes + MS_INDEX_ALIGN - 1) / MS_INDEX_ALIGN * MS_INDEX_ALIGN;
    }
    x.file_size = at;
    ms_outfile o;
    ms_status st = ms_outfile_open(&o, out_path, err);
    if (st != MS_OK)
        return st;
    static const char zeros[MS_INDEX_HEADER_SIZE];
    fwrite(&x, sizeof x, 1, o.f);
    fwrite(zeros, MS_INDEX_HEADER_SIZE - sizeof x, 1, o.f);
    for (int a = 0; a < MS_IX_COUNT; a++) {
        if (!(x.present & (1ull << a)))
            continue;
        uint64_t bytes = ms_index_count(&x, a) * ms_index_elem[a];
        if (a == MS_IX_meta) {
            fwrite(h->meta_json ? h->meta_json : "", x.meta_len + 1, 1, o.f);
        } else if (bytes) {
            fwrite(data[a], bytes, 1, o.f);
        }
        size_t pad = (size_t)((MS_INDEX_ALIGN - bytes % MS_INDEX_ALIGN) % MS_INDEX_ALIGN);
        fwrite(zeros, pad, 1, o.f);
    }
    st = ms_outfile_commit(&o, err);
    if (st == MS_OK) {
        /* Written here: no need to check it when it is opened. */
        int fd = open(out_path, O_RDONLY);
        if (fd >= 0) {
            ms_index_record_checked(fd, 0, true);
            close(fd);
        }
    }
    return st;
}
