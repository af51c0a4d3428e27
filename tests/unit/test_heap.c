/* test_heap.c — the graph builder: id resolution (forward references,
 * dangling ones dropped and counted), duplicate ids, roots, joining chunks
 * with re-interned strings, the predecessor CSRs, and the threaded passes
 * giving exactly what a naive resolution gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/heap.h"
#include "memscope/strpool.h"
#include "heap/resolve.h"
#include "heap/preds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ms_record rec(ms_builder *b, uint64_t id, const char *type, uint64_t size,
                     const uint64_t *refs, uint32_t nrefs)
{
    ms_record r;
    memset(&r, 0, sizeof r);
    r.id = id;
    r.type = ms_strpool_intern(ms_builder_strings(b), type, strlen(type));
    r.size = size;
    r.refs = refs;
    r.nrefs = nrefs;
    return r;
}

static void test_small_graph(void **state)
{
    (void)state;
    ms_builder *b = ms_builder_new();
    ms_error err;
    uint64_t r1[] = { 30, 20, 999 }, r2[] = { 30 }, w3[] = { 10 };
    ms_record a = rec(b, 10, "A", 100, r1, 3);
    uint32_t names[3];
    names[0] = ms_strpool_intern(ms_builder_strings(b), "x", 1);
    names[1] = ms_strpool_intern(ms_builder_strings(b), "y", 1);
    names[2] = 0;
    a.names = names;
    assert_int_equal(ms_builder_add(b, &a, &err), MS_OK);
    ms_record c = rec(b, 20, "B", 50, r2, 1);
    c.flags = MS_NODE_ROOT;
    assert_int_equal(ms_builder_add(b, &c, &err), MS_OK);
    ms_record d = rec(b, 30, "A", 7, NULL, 0);
    d.weak = w3;
    d.nweak = 1;
    assert_int_equal(ms_builder_add(b, &d, &err), MS_OK);
    ms_builder_add_root(b, 10);
    ms_builder_add_root(b, 12345); /* not in the dump */
    ms_builder_add_root(b, 10);    /* listed twice */
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    assert_int_equal(h->n, 3);
    assert_int_equal(h->m, 4); /* 999 dropped */
    assert_int_equal(h->dangling, 1);
    assert_true(h->dangling_from == 10 && h->dangling_to == 999);
    assert_int_equal(h->dangling_roots, 1);
    assert_true(h->total_size == 157);
    uint32_t off[] = { 0, 2, 3, 4 };
    assert_memory_equal(h->edge_off, off, sizeof off);
    uint32_t to[] = { 2, 1, 2, 0 };
    assert_memory_equal(h->edge_to, to, sizeof to);
    assert_string_equal(ms_heap_str(h, h->edge_name[0]), "x");
    assert_string_equal(ms_heap_str(h, h->edge_name[1]), "y");
    assert_int_equal(h->edge_kind[3], MS_EDGE_WEAK);
    assert_int_equal(h->type[0], h->type[2]);
    /* Header roots first (once), then marked records. */
    assert_int_equal(h->nroots, 2);
    assert_int_equal(h->roots[0], 0);
    assert_int_equal(h->roots[1], 1);
    assert_int_equal(ms_heap_find(h, 30), 2);
    assert_int_equal(ms_heap_find(h, 31), MS_NONE);
    /* References into each node: every edge's source, weak too, in edge
     * order. */
    ms_heap_preds(h);
    uint32_t ioff[] = { 0, 1, 2, 4 };
    assert_memory_equal(h->in_off, ioff, sizeof ioff);
    uint32_t in[] = { 2, 0, 0, 1 };
    assert_memory_equal(h->in_from, in, sizeof in);
    ms_heap_free(h);
}

static void test_duplicate_large(void **state)
{
    (void)state;
    /* 200k ids, three of them repeated: the lowest later index is reported
     * whichever partition or thread finds it. */
    ms_builder *b = ms_builder_new();
    ms_error err;
    for (uint64_t i = 0; i < 200000; i++) {
        /* 76 = id of node 25, 4999 = id of node 1666 */
        uint64_t id = i == 150000 ? 76 : i == 120001 ? 4999 : i == 199999 ? 4999 : i * 3 + 1;
        ms_record r = rec(b, id, "T", 1, NULL, 0);
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_ERR_INPUT);
    assert_int_equal(ferr.node[0], 120001);
    assert_int_equal(ferr.node[1], 1666);
}

static void test_duplicate(void **state)
{
    (void)state;
    ms_builder *b = ms_builder_new();
    ms_error err;
    for (uint64_t i = 0; i < 10; i++) {
        ms_record r = rec(b, i == 7 ? 3 : i, "T", 1, NULL, 0);
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_ERR_INPUT);
    assert_null(h);
    assert_int_equal(ferr.node[0], 7);
    assert_int_equal(ferr.node[1], 3);
}

/* A direct build (V8): ids checked for repeats among small ids (bitmap)
 * and big ones (sorted), the lowest repeating index reported. */
static void test_direct_ids(void **state)
{
    (void)state;
    const uint64_t big = UINT64_C(1) << 40;
    const uint64_t cases[][6] = {
        /* ids, then expected dup and first (MS_NONE: none) */
        { 1, big, 3, big + 1, 5, MS_NONE },
        { 1, big, 3, big, 1, 3 },     /* big 3 repeats 1, small 4 repeats 0 */
        { 1, big, 3, 3, big, 3 },     /* small at 3 */
        { big + 2, 7, big + 2, 9, 11, 2 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ms_builder *b = ms_builder_new();
        ms_error err;
        assert_non_null(ms_builder_direct(b, 5, 0, (ms_direct_edges){ 0 }, &err));
        ms_heap *h = ms_builder_direct_nodes(b, NULL);
        for (uint32_t i = 0; i < 5; i++) {
            h->id[i] = cases[c][i];
            h->type[i] = h->label[i] = 0;
            h->flags[i] = 0;
            h->edge_off[i] = 0;
            ms_builder_set_size(b, i, 1);
        }
        h->edge_off[5] = 0;
        ms_error ferr;
        ms_heap *out = NULL;
        ms_status st = ms_builder_finish(b, &out, &ferr);
        if (cases[c][5] == MS_NONE) {
            assert_int_equal(st, MS_OK);
            assert_int_equal(out->n, 5);
            assert_int_equal(out->total_size, 5);
            ms_heap_free(out);
        } else {
            assert_int_equal(st, MS_ERR_INPUT);
            assert_int_equal(ferr.node[0], cases[c][5]);
            assert_int_equal(ferr.node[1], c == 1 ? 1 : c == 2 ? 2 : 0);
        }
    }
}

/* Two chunks joined: string indices remapped, edge offsets shifted. */
static void test_append(void **state)
{
    (void)state;
    ms_builder *b0 = ms_builder_new(), *b1 = ms_builder_new();
    ms_error err;
    uint64_t r0[] = { 2 }, r1[] = { 1, 3 };
    ms_record a = rec(b0, 1, "first", 1, r0, 1);
    assert_int_equal(ms_builder_add(b0, &a, &err), MS_OK);
    ms_strpool_intern(ms_builder_strings(b1), "padding", 7); /* shift b1's indices */
    ms_record c = rec(b1, 2, "second", 2, r1, 2);
    c.flags = MS_NODE_HAS_RC;
    c.rc = 5;
    assert_int_equal(ms_builder_add(b1, &c, &err), MS_OK);
    ms_record d = rec(b1, 3, "first", 3, NULL, 0);
    assert_int_equal(ms_builder_add(b1, &d, &err), MS_OK);
    assert_int_equal(ms_builder_append(b0, b1, NULL, &err), MS_OK);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b0, &h, &ferr), MS_OK);
    assert_int_equal(h->n, 3);
    assert_string_equal(ms_heap_type_name(h, 0), "first");
    assert_string_equal(ms_heap_type_name(h, 1), "second");
    assert_string_equal(ms_heap_type_name(h, 2), "first");
    assert_int_equal(h->type[0], h->type[2]);
    uint32_t off[] = { 0, 1, 3, 3 }, to[] = { 1, 0, 2 };
    assert_memory_equal(h->edge_off, off, sizeof off);
    assert_memory_equal(h->edge_to, to, sizeof to);
    assert_non_null(h->rc);
    assert_int_equal(h->rc[0], 0);
    assert_int_equal(h->rc[1], 5);
    assert_true(h->total_size == 6);
    ms_heap_free(h);
}

/* A random graph large enough for the threaded passes, built twice (one
 * thread, two threads) and checked edge by edge against the known answer. */
static uint64_t id_of(uint32_t i) { return (uint64_t)i * 2654435761u * 16 + 7; }

/* Records from split on are read into a second builder, appended to the
 * first before finishing (as the two-thread readers do). */
static ms_heap *build_random(uint32_t n, uint32_t seed, uint32_t split, uint32_t **want_to,
                             uint64_t *want_m, uint64_t *want_dangling, uint64_t want_first[2])
{
    ms_builder *b = ms_builder_new(), *b1 = split < n ? ms_builder_new() : NULL;
    ms_error err;
    uint64_t x = seed;
    uint64_t refs[8];
    uint32_t *expect = ms_malloc((size_t)n * 8 * sizeof *expect);
    uint64_t m = 0, dang = 0;
    for (uint32_t i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t deg = (uint32_t)(x >> 61);
        for (uint32_t k = 0; k < deg; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t t = (uint32_t)((x >> 33) % (n + n / 50)); /* ~2% dangling */
            refs[k] = t < n ? id_of(t) : UINT64_C(0xdead0000) + t;
            if (t < n) {
                expect[m++] = t;
            } else if (dang++ == 0) {
                want_first[0] = id_of(i);
                want_first[1] = refs[k];
            }
        }
        ms_builder *into = i < split ? b : b1;
        ms_record r = rec(into, id_of(i), (x >> 20) & 1 ? "even" : "odd", i % 100, refs, deg);
        /* Names and reference counts for some, from both chunks. */
        uint32_t names[8];
        if (i % 3 == 0) {
            r.flags |= MS_NODE_HAS_RC;
            r.rc = i;
            char buf[16];
            snprintf(buf, sizeof buf, "n%u", i % 1000);
            r.label = ms_strpool_intern(ms_builder_strings(into), buf, strlen(buf));
            for (uint32_t k = 0; k < deg; k++)
                names[k] = r.label;
            r.names = names;
        }
        assert_int_equal(ms_builder_add(into, &r, &err), MS_OK);
    }
    if (b1)
        assert_int_equal(ms_builder_append(b, b1, NULL, &err), MS_OK);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    *want_to = expect;
    *want_m = m;
    *want_dangling = dang;
    return h;
}

static void test_threads_agree(void **state)
{
    (void)state;
    uint32_t n = 300000;
    uint32_t *want;
    uint64_t m, dang, first[2];
    setenv("MEMSCOPE_THREADS", "1", 1);
    ms_heap *h1 = build_random(n, 42, n, &want, &m, &dang, first);
    free(want);
    unsetenv("MEMSCOPE_THREADS");
    ms_heap *h2 = build_random(n, 42, n, &want, &m, &dang, first);
    assert_true(h2->m == m && h1->m == m);
    assert_true(h2->dangling == dang && h1->dangling == dang);
    assert_true(h1->dangling_from == first[0] && h1->dangling_to == first[1]);
    assert_true(h2->dangling_from == first[0] && h2->dangling_to == first[1]);
    assert_memory_equal(h2->edge_to, want, m * sizeof *want);
    assert_memory_equal(h1->edge_to, want, m * sizeof *want);
    assert_memory_equal(h1->edge_off, h2->edge_off, ((size_t)n + 1) * sizeof *h1->edge_off);
    /* Lookups by scanning, then through the id map built on demand
     * (partitioned and filled by two threads when allowed). */
    assert_null(h2->ids.slots);
    for (uint32_t i = 0; i < n; i += 9973)
        assert_int_equal(ms_heap_find(h2, id_of(i)), i);
    assert_int_equal(ms_heap_find(h2, 1), MS_NONE);
    ms_heap_index(h2);
    assert_int_equal(h2->ids.part_bits, 1);
    setenv("MEMSCOPE_THREADS", "1", 1);
    ms_heap_index(h1);
    unsetenv("MEMSCOPE_THREADS");
    assert_int_equal(h1->ids.part_bits, 0);
    for (uint32_t i = 0; i < n; i += 7) {
        assert_int_equal(ms_heap_find(h2, id_of(i)), i);
        assert_int_equal(ms_heap_find(h1, id_of(i)), i);
    }
    assert_int_equal(ms_heap_find(h2, 1), MS_NONE);
    assert_int_equal(ms_heap_find(h1, 1), MS_NONE);
    free(want);
    ms_heap_free(h1);
    ms_heap_free(h2);
}

/* ms_resolve_ids against the known answer, on one thread and on two,
 * into an array of its own and over the reference ids (as the builder
 * calls it). The only dangling references are in the second thread's
 * half, so the first one reported is that thread's. */
static void resolve_check(const uint64_t *ids, uint32_t n, const uint64_t *refs, uint64_t m,
                          const uint32_t *want, uint64_t want_missing, uint64_t want_first)
{
    uint32_t *out = ms_malloc(m * sizeof *out), df = 0;
    uint64_t missing = 0, missing_id = 0;
    assert_int_equal(ms_resolve_ids(ids, n, refs, m, out, &df, &missing, &missing_id), MS_NONE);
    assert_memory_equal(out, want, m * sizeof *out);
    assert_true(missing == want_missing && missing_id == want_first);
    free(out);
    uint64_t *copy = ms_malloc(m * sizeof *copy);
    memcpy(copy, refs, m * sizeof *copy);
    missing = missing_id = 0;
    uint32_t *over = (uint32_t *)(void *)copy;
    assert_int_equal(ms_resolve_ids(ids, n, copy, m, over, &df, &missing, &missing_id), MS_NONE);
    assert_memory_equal(over, want, m * sizeof *over);
    assert_true(missing == want_missing && missing_id == want_first);
    free(copy);
}

static void test_resolve_ids(void **state)
{
    (void)state;
    uint32_t n = 300000;
    uint64_t m = 1000001;
    uint64_t *ids = ms_malloc(n * sizeof *ids), *refs = ms_malloc(m * sizeof *refs);
    uint32_t *want = ms_malloc(m * sizeof *want);
    for (uint32_t i = 0; i < n; i++)
        ids[i] = id_of(i);
    uint64_t x = 99, missing = 0, first = 0;
    for (uint64_t e = 0; e < m; e++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        want[e] = (uint32_t)((x >> 33) % n);
        refs[e] = id_of(want[e]);
        if (e > m * 3 / 4 && x % 97 == 0) {
            refs[e] = UINT64_C(0xdead00000000) + e;
            want[e] = MS_NONE;
            if (!missing++)
                first = refs[e];
        }
    }
    assert_true(missing > 1000);
    resolve_check(ids, n, refs, m, want, missing, first);
    setenv("MEMSCOPE_THREADS", "1", 1);
    resolve_check(ids, n, refs, m, want, missing, first);
    unsetenv("MEMSCOPE_THREADS");
    free(ids);
    free(refs);
    free(want);
}

/* The same graph read whole and as two chunks joined: the join and the
 * resolve give their inputs' pages back as they read them
 * (ms_release_consumed), several 2 MiB blocks each at this size, and
 * nothing read afterwards may depend on those pages. */
static void test_append_large(void **state)
{
    (void)state;
    uint32_t n = 1000000;
    uint32_t *want;
    uint64_t m, dang, first[2];
    ms_heap *h1 = build_random(n, 7, n, &want, &m, &dang, first);
    free(want);
    ms_heap *h2 = build_random(n, 7, n / 3, &want, &m, &dang, first);
    assert_true(h1->n == n && h2->n == n && h1->m == m && h2->m == m);
    assert_true(h2->dangling == dang && h2->dangling_from == first[0] &&
                h2->dangling_to == first[1]);
    assert_memory_equal(h2->edge_to, want, m * sizeof *want);
    assert_memory_equal(h1->edge_off, h2->edge_off, ((size_t)n + 1) * sizeof *h1->edge_off);
    assert_memory_equal(h1->id, h2->id, (size_t)n * sizeof *h1->id);
    assert_memory_equal(h1->size, h2->size, (size_t)n * sizeof *h1->size);
    assert_memory_equal(h1->flags, h2->flags, (size_t)n);
    assert_memory_equal(h1->rc, h2->rc, (size_t)n * sizeof *h1->rc);
    assert_memory_equal(h1->edge_kind, h2->edge_kind, (size_t)m);
    for (uint32_t i = 0; i < n; i++) {
        assert_string_equal(ms_heap_type_name(h1, i), ms_heap_type_name(h2, i));
        assert_string_equal(ms_heap_str(h1, h1->label[i]), ms_heap_str(h2, h2->label[i]));
    }
    for (uint64_t e = 0; e < m; e++)
        assert_string_equal(ms_heap_str(h1, h1->edge_name[e]), ms_heap_str(h2, h2->edge_name[e]));
    free(want);
    ms_heap_free(h1);
    ms_heap_free(h2);
}

/* Element names: "[k]" written out from the index, only where the graph
 * says its names may be indices. */
static void test_edge_names(void **state)
{
    (void)state;
    char buf[MS_INDEX_NAME_MAX];
    assert_int_equal(ms_index_name(buf, 0), 3);
    assert_string_equal(buf, "[0]");
    assert_int_equal(ms_index_name(buf, 4194304), 9);
    assert_string_equal(buf, "[4194304]");
    assert_int_equal(ms_index_name(buf, UINT32_MAX), 12);
    assert_string_equal(buf, "[4294967295]");
    ms_heap h;
    memset(&h, 0, sizeof h);
    ms_strpool_init(&h.strings);
    uint32_t x = ms_strpool_intern(&h.strings, "x", 1);
    uint32_t names[] = { x, MS_NAME_INDEX | 7, MS_NAME_INDEX | (MS_NAME_INDEX - 1), 0 };
    h.edge_name = names;
    h.index_names = true;
    assert_string_equal(ms_heap_edge_name(&h, 0, buf), "x");
    assert_string_equal(ms_heap_edge_name(&h, 1, buf), "[7]");
    assert_string_equal(ms_heap_edge_name(&h, 2, buf), "[2147483647]");
    assert_string_equal(ms_heap_edge_name(&h, 3, buf), "");
    /* Elsewhere the bit is a string's (a pool that big is not built here). */
    h.index_names = false;
    names[1] = x;
    assert_string_equal(ms_heap_edge_name(&h, 1, buf), "x");
    ms_strpool_free(&h.strings);
}

static void test_strpool(void **state)
{
    (void)state;
    ms_strpool sp;
    ms_strpool_init(&sp);
    assert_int_equal(ms_strpool_intern(&sp, "", 0), 0);
    uint32_t a = ms_strpool_intern(&sp, "dict", 4);
    uint32_t b = ms_strpool_intern(&sp, "dictionary-of-long-names", 24);
    assert_int_not_equal(a, b);
    assert_int_equal(ms_strpool_intern(&sp, "dict", 4), a);
    assert_int_equal(ms_strpool_intern(&sp, "dictionary-of-long-names", 24), b);
    assert_int_not_equal(ms_strpool_intern(&sp, "dic", 3), a);
    /* Many strings: growth, rehash, cache collisions. */
    char buf[32];
    uint32_t idx[20000];
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(buf, sizeof buf, "s%d", i * 7919);
        idx[i] = ms_strpool_intern(&sp, buf, (size_t)n);
    }
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(buf, sizeof buf, "s%d", i * 7919);
        assert_int_equal(ms_strpool_intern(&sp, buf, (size_t)n), idx[i]);
        assert_string_equal(ms_strpool_get(&sp, idx[i]), buf);
        assert_int_equal(ms_strpool_len(&sp, idx[i]), n);
    }
    /* Short keys are packed with overlapping loads: strings of every length
     * up to 17 differing in any one byte must all stay distinct. */
    char base[18], v[18];
    uint32_t seen[18 * 18];
    int ns = 0;
    for (int n = 1; n <= 17; n++) {
        memset(base, 'a', (size_t)n);
        uint32_t plain = ms_strpool_intern(&sp, base, (size_t)n);
        for (int k = 0; k < n; k++) {
            memcpy(v, base, (size_t)n);
            v[k] = 'b';
            uint32_t x = ms_strpool_intern(&sp, v, (size_t)n);
            assert_int_not_equal(x, plain);
            for (int j = 0; j < ns; j++)
                assert_int_not_equal(seen[j], x);
            seen[ns++] = x;
            assert_int_equal(ms_strpool_intern(&sp, v, (size_t)n), x);
            assert_memory_equal(ms_strpool_get(&sp, x), v, (size_t)n);
            assert_int_equal(ms_strpool_len(&sp, x), n);
        }
        /* The same bytes as a label get their own entry; an immediate repeat
         * of a short label (up to 16 bytes) shares it, a longer one does not. */
        uint32_t l = ms_strpool_label(&sp, base, (size_t)n);
        assert_int_not_equal(l, plain);
        if (n <= 16)
            assert_int_equal(ms_strpool_label(&sp, base, (size_t)n), l);
        else
            assert_int_not_equal(ms_strpool_label(&sp, base, (size_t)n), l);
        assert_true(ms_strpool_is_label(&sp, l));
        assert_int_equal(ms_strpool_len(&sp, l), n);
    }
    /* Embedded bytes beyond the 16-byte cache key still compare fully. */
    uint32_t l1 = ms_strpool_intern(&sp, "0123456789abcdefX", 17);
    uint32_t l2 = ms_strpool_intern(&sp, "0123456789abcdefY", 17);
    assert_int_not_equal(l1, l2);
    ms_strpool_free(&sp);
}

/* Interning a label's own bytes while the arena grows: fuzz_v8 found the
 * V8 reader doing it, reading through the pointer the growth had freed. */
static void test_strpool_self(void **state)
{
    (void)state;
    ms_strpool sp;
    ms_strpool_init(&sp);
    int grew = 0;
    for (int i = 0; i < 2000; i++) {
        char buf[40];
        int n = snprintf(buf, sizeof buf, "class-name-%d-with-some-length", i);
        uint32_t l = ms_strpool_label(&sp, buf, (size_t)n);
        size_t cap = sp.capbytes;
        uint32_t t = ms_strpool_intern(&sp, ms_strpool_get(&sp, l), ms_strpool_len(&sp, l));
        grew += sp.capbytes != cap;
        assert_string_equal(ms_strpool_get(&sp, t), buf);
        assert_int_equal(ms_strpool_find(&sp, buf, (size_t)n), t);
    }
    assert_true(grew > 0); /* the case happened */
    ms_strpool_free(&sp);
}

/* A sealed pool: trimmed to fit, no table; every string keeps its index
 * and bytes, find still finds interned strings (by comparing) and never a
 * label, intern and append rebuild the table and find what was there, and
 * a label added after sealing is not interned. */
static void test_strpool_seal(void **state)
{
    (void)state;
    ms_strpool sp;
    ms_strpool_init(&sp);
    uint32_t idx[3000];
    char buf[40];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(buf, sizeof buf, "%s-%d", i % 3 ? "type" : "label", i);
        idx[i] = i % 3 ? ms_strpool_intern(&sp, buf, (size_t)n) : ms_strpool_label(&sp, buf, (size_t)n);
    }
    uint32_t count = sp.count;
    ms_strpool_seal(&sp);
    assert_null(sp.slots);
    assert_int_equal(sp.cap, count);
    assert_int_equal(sp.capbytes, sp.nbytes);
    assert_int_equal(ms_strpool_find(&sp, "", 0), 0);
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(buf, sizeof buf, "%s-%d", i % 3 ? "type" : "label", i);
        assert_string_equal(ms_strpool_get(&sp, idx[i]), buf);
        assert_int_equal(ms_strpool_find(&sp, buf, (size_t)n), i % 3 ? idx[i] : UINT32_MAX);
    }
    assert_int_equal(ms_strpool_find(&sp, "type-3000", 9), UINT32_MAX);
    /* A label now: appended, found by neither find nor intern. */
    uint32_t l = ms_strpool_label(&sp, "late label", 10);
    assert_int_equal(l, count);
    assert_null(sp.slots);
    assert_int_equal(ms_strpool_find(&sp, "late label", 10), UINT32_MAX);
    /* Interning rebuilds the table (unless its cache of short strings
     * answers): old strings found, new ones added. */
    assert_int_equal(ms_strpool_intern(&sp, "type-2999", 9), idx[2999]);
    uint32_t longer = ms_strpool_intern(&sp, "longer than the cache's sixteen", 31);
    assert_int_equal(longer, count + 1);
    assert_non_null(sp.slots);
    assert_int_equal(ms_strpool_intern(&sp, "type-2998", 9), idx[2998]);
    assert_int_equal(ms_strpool_find(&sp, "type-1", 6), idx[1]);
    assert_int_equal(ms_strpool_find(&sp, "label-0", 7), UINT32_MAX);
    uint32_t t = ms_strpool_intern(&sp, "late label", 10);
    assert_int_not_equal(t, l);
    assert_int_equal(ms_strpool_find(&sp, "late label", 10), t);
    /* Appending into a sealed pool finds its strings too. */
    ms_strpool_seal(&sp);
    ms_strpool src;
    ms_strpool_init(&src);
    uint32_t s1 = ms_strpool_intern(&src, "type-4", 6), s2 = ms_strpool_intern(&src, "new", 3);
    uint32_t remap[3];
    assert_int_equal(ms_strpool_append(&sp, &src, remap), 0);
    assert_int_equal(remap[s1], idx[4]);
    assert_string_equal(ms_strpool_get(&sp, remap[s2]), "new");
    assert_int_equal(ms_strpool_find(&sp, "new", 3), remap[s2]);
    ms_strpool_free(&src);
    ms_strpool_free(&sp);
}

/* ms_heap_reverse_numbered's two sorts against a naive listing, list by
 * list (as multisets: lists come in no particular order). Over 2^16
 * numbers, so that the radix sort has several parts, and one node referred
 * to more often than its scratch buffer holds, so that its part is sorted
 * in place. Nodes from K on are left out: they may refer to numbered
 * nodes, never the reverse. */
static uint64_t xs = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd32(uint32_t below)
{
    xs ^= xs << 13;
    xs ^= xs >> 7;
    xs ^= xs << 17;
    return (uint32_t)(xs % below);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

typedef void reverse_fn(const ms_heap *, const uint32_t *, uint32_t, bool, const uint32_t *,
                        uint32_t **, uint32_t **);

static void check_reverse(reverse_fn *reverse, const ms_heap *h, const uint32_t *num,
                          uint32_t count, bool weak, const uint32_t *indeg)
{
    uint32_t *off, *from;
    reverse(h, num, count, weak, indeg, &off, &from);
    /* The naive lists: every kept reference, by its target's number. */
    uint32_t *noff = calloc((size_t)count + 2, sizeof *noff);
    for (uint32_t v = 0; v < h->n; v++)
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
            if ((weak || h->edge_kind[e] != MS_EDGE_WEAK) && num[h->edge_to[e]] &&
                (num[v] || indeg))
                noff[num[h->edge_to[e]] + 1]++;
    for (uint32_t i = 0; i <= count; i++)
        noff[i + 1] += noff[i];
    assert_memory_equal(off, noff, ((size_t)count + 2) * sizeof *off);
    uint32_t *nfrom = malloc((size_t)noff[count + 1] * sizeof *nfrom + 1);
    uint32_t *pos = malloc(((size_t)count + 1) * sizeof *pos);
    memcpy(pos, noff, ((size_t)count + 1) * sizeof *pos);
    for (uint32_t v = 0; v < h->n; v++)
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
            if ((weak || h->edge_kind[e] != MS_EDGE_WEAK) && num[h->edge_to[e]] &&
                (num[v] || indeg))
                nfrom[pos[num[h->edge_to[e]]]++] = num[v];
    for (uint32_t i = 0; i <= count; i++) {
        qsort(from + off[i], off[i + 1] - off[i], sizeof *from, cmp_u32);
        qsort(nfrom + off[i], off[i + 1] - off[i], sizeof *from, cmp_u32);
    }
    assert_memory_equal(from, nfrom, (size_t)off[count + 1] * sizeof *from);
    free(pos);
    free(nfrom);
    free(noff);
    free(off);
    free(from);
}

static void test_reverse_numbered(void **state)
{
    (void)state;
    enum { N = 160000, K = 150000, HUB = 7 };
    ms_builder *b = ms_builder_new();
    ms_error err;
    uint64_t refs[8], weak[1];
    for (uint32_t v = 0; v < N; v++) {
        uint32_t nr = 0;
        refs[nr++] = HUB + 1; /* ids are index + 1 */
        refs[nr++] = HUB + 1;
        for (uint32_t k = rnd32(5); k > 0; k--)
            refs[nr++] = 1 + (v < K ? rnd32(K) : rnd32(N));
        ms_record r = rec(b, (uint64_t)v + 1, "T", 8, refs, nr);
        if (v % 3 == 0) {
            weak[0] = 1 + (v < K ? rnd32(K) : rnd32(N));
            r.weak = weak;
            r.nweak = 1;
        }
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_heap *h;
    assert_int_equal(ms_builder_finish(b, &h, &err), MS_OK);
    assert_true(h->n == N);
    /* Numbers: a random permutation of the first K nodes. */
    uint32_t *num = calloc(N, sizeof *num);
    uint32_t *perm = malloc(K * sizeof *perm);
    for (uint32_t i = 0; i < K; i++)
        perm[i] = i;
    for (uint32_t i = K - 1; i > 0; i--) {
        uint32_t j = rnd32(i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (uint32_t i = 0; i < K; i++)
        num[perm[i]] = i + 1;
    uint32_t *indeg = ms_heap_indegree(h);
    reverse_fn *sorts[] = { ms_reverse_numbered_direct, ms_reverse_numbered_radix,
                            ms_heap_reverse_numbered };
    for (size_t k = 0; k < sizeof sorts / sizeof *sorts; k++) {
        check_reverse(sorts[k], h, num, K, false, NULL);
        check_reverse(sorts[k], h, num, K, true, NULL);
        check_reverse(sorts[k], h, num, K, false, indeg);
    }
    /* The radix sort's first pass on one thread (above, on two when the
     * machine has them: the second fills each part from its end). */
    setenv("MEMSCOPE_THREADS", "1", 1);
    check_reverse(ms_reverse_numbered_radix, h, num, K, false, NULL);
    check_reverse(ms_reverse_numbered_radix, h, num, K, false, indeg);
    unsetenv("MEMSCOPE_THREADS");
    free(indeg);
    free(perm);
    free(num);
    ms_heap_free(h);
}

/* The optional columns (MS_NODE_COLUMNS): made when a record first has a
 * value (rc and len by their flag, even 0; site and gen when not 0), 0 for
 * the nodes before and after without one, carried through a join in
 * either direction, absent when no record had one; the resolve time
 * comes back from ms_builder_finish_timed. */
static void test_columns(void **state)
{
    (void)state;
    ms_builder *b0 = ms_builder_new(), *b1 = ms_builder_new();
    ms_error err;
    ms_record a = rec(b0, 1, "t", 1, NULL, 0);
    assert_int_equal(ms_builder_add(b0, &a, &err), MS_OK);
    ms_record b = rec(b0, 2, "t", 1, NULL, 0);
    b.flags = MS_NODE_HAS_RC; /* rc 0, but given */
    b.gen = 4;
    assert_int_equal(ms_builder_add(b0, &b, &err), MS_OK);
    ms_record c = rec(b1, 3, "t", 1, NULL, 0);
    c.flags = MS_NODE_HAS_LEN;
    c.len = 7;
    c.site = 2;
    assert_int_equal(ms_builder_add(b1, &c, &err), MS_OK);
    ms_record d = rec(b1, 4, "t", 1, NULL, 0);
    d.rc = 9; /* no flag: not given */
    assert_int_equal(ms_builder_add(b1, &d, &err), MS_OK);
    assert_int_equal(ms_builder_append(b0, b1, NULL, &err), MS_OK);
    ms_heap *h;
    double resolve = -1;
    assert_int_equal(ms_builder_finish_timed(b0, &h, &resolve, &err), MS_OK);
    assert_true(resolve >= 0);
    uint32_t rc[] = { 0, 0, 0, 0 }, len[] = { 0, 0, 7, 0 }, site[] = { 0, 0, 2, 0 },
             gen[] = { 0, 4, 0, 0 };
    assert_non_null(h->rc);
    assert_memory_equal(h->rc, rc, sizeof rc);
    assert_memory_equal(h->len, len, sizeof len);
    assert_memory_equal(h->site, site, sizeof site);
    assert_memory_equal(h->gen, gen, sizeof gen);
    assert_int_equal(ms_heap_node_memory(h), 4 * (25 + 4 * 4) + h->nroots * sizeof *h->roots);
    ms_heap_free(h);

    ms_builder *b2 = ms_builder_new();
    ms_record e = rec(b2, 5, "t", 1, NULL, 0);
    assert_int_equal(ms_builder_add(b2, &e, &err), MS_OK);
    assert_int_equal(ms_builder_finish(b2, &h, &err), MS_OK);
    assert_null(h->rc);
    assert_null(h->len);
    assert_null(h->site);
    assert_null(h->gen);
    ms_heap_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_graph),
        cmocka_unit_test(test_duplicate),
        cmocka_unit_test(test_duplicate_large),
        cmocka_unit_test(test_append),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_strpool_self),
        cmocka_unit_test(test_direct_ids),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_append_large),
        cmocka_unit_test(test_resolve_ids),
        cmocka_unit_test(test_strpool),
        cmocka_unit_test(test_strpool_seal),
        cmocka_unit_test(test_edge_names),
        cmocka_unit_test(test_reverse_numbered),
    };
    return cmocka_run_group_tests_name("heap", tests, NULL, NULL);
}
