/* test_roles.c — the analyses that read a graph's roles (heap.h), on a
 * hand-built page: leak suspects start below the structural holders and an
 * engine store's memory is reported at the object that owns it; detached
 * DOM is counted once, by type, with the objects that hold it. Every
 * expected number is worked out in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/heap.h"
#include "formats/roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page, in dump order (index = id - 1):
 *   1 root (holder)        -> 2
 *   2 Window (holder)      -> 3, 5, 9
 *   3 Map (100)            -> 4
 *   4 table (engine, 50)   -> 11..16 (six CacheEntry of 100: 600)
 *   5 Array (20)           -> 6, 7
 *   6, 7 <section> (detached DOM, 40 each) -> 8 (6 only)
 *   8 <td> (detached DOM, 10)
 *   9 blink::Holder (native, 30) -> 10
 *   10 <div> (detached DOM, 5)
 *   11..16 CacheEntry (100 each)
 * Reachable bytes: 100+50+600 + 20+40+40+10 + 30+5 = 895. */
enum { N = 16 };
static const uint64_t sizes[N] = { 0, 0, 100, 50, 20, 40, 40, 10, 30, 5,
                                   100, 100, 100, 100, 100, 100 };
static const char *types[N] = { "(synthetic)", "Window", "Map", "(array)", "Array",
                                "Detached <section>", "Detached <section>", "Detached <td>",
                                "blink::Holder", "Detached <div>", "CacheEntry", "CacheEntry",
                                "CacheEntry", "CacheEntry", "CacheEntry", "CacheEntry" };

static ms_heap *page(void)
{
    static const uint64_t r1[] = { 2 }, r2[] = { 3, 5, 9 }, r3[] = { 4 },
                          r4[] = { 11, 12, 13, 14, 15, 16 }, r5[] = { 6, 7 }, r6[] = { 8 },
                          r9[] = { 10 };
    static const uint64_t *refs[N] = { r1, r2, r3, r4, r5, r6, NULL, NULL, r9 };
    static const uint32_t nrefs[N] = { 1, 3, 1, 6, 2, 1, 0, 0, 1 };
    ms_builder *b = ms_builder_new();
    ms_error err;
    for (uint32_t i = 0; i < N; i++) {
        ms_record r;
        memset(&r, 0, sizeof r);
        r.id = i + 1;
        r.type = ms_strpool_intern(ms_builder_strings(b), types[i], strlen(types[i]));
        r.size = sizes[i];
        r.refs = refs[i];
        r.nrefs = nrefs[i];
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_builder_add_root(b, 1);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    h->role = ms_calloc(N, 1);
    h->role[0] = h->role[1] = MS_ROLE_HOLDER;
    h->role[3] = MS_ROLE_ENGINE;
    for (int i = 5; i <= 7; i++)
        h->role[i] = MS_ROLE_NATIVE | MS_ROLE_DOM | MS_ROLE_DETACHED;
    h->role[8] = MS_ROLE_NATIVE;
    h->role[9] = MS_ROLE_NATIVE | MS_ROLE_DOM | MS_ROLE_DETACHED;
    h->tracing_gc = true;
    return h;
}

static void analyse(ms_heap **h, ms_analysis *a)
{
    *h = page();
    ms_analysis_run(*h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, a);
    assert_int_equal(a->dom.retained[0], 895);
}

static void test_suspects_below_holders(void **state)
{
    (void)state;
    ms_heap *h;
    ms_analysis a;
    analyse(&h, &a);
    /* T = 10% of 895 = 90 (rounded up). The root and the Window retain
     * everything but are holders. Under the Window: the Map (750) and the
     * Array (110) are followed down, blink::Holder (35) is not. The Map
     * follows its table (650) and keeps 100 >= T itself: a suspect. The
     * table's entries (100 each, six alike) are not followed: it gathers
     * 650 >= T, and being the engine's own it is reported at the Map, the
     * same suspect (750), which now holds 6 CacheEntry (600). The Array
     * gathers its 110. */
    uint32_t n;
    ms_suspect *s = ms_suspects_find(h, &a.dom, 10.0, &n);
    /* Two cross T; the strongest under it (at T/10) makes up three. */
    assert_int_equal(n, 3);
    assert_false(s[0].below);
    assert_false(s[1].below);
    assert_true(s[2].below);
    assert_int_equal(h->id[s[0].node], 3);
    assert_int_equal(s[0].retained, 750);
    assert_string_equal(ms_heap_str(h, s[0].holds_type), "CacheEntry");
    assert_int_equal(s[0].holds_count, 6);
    assert_int_equal(s[0].holds_retained, 600);
    assert_int_equal(h->id[s[1].node], 5);
    assert_int_equal(s[1].retained, 110);
    free(s);
    /* Without roles, MAT's rule alone: the same descent, but the table is
     * a suspect of its own (650), beside the Map (750) and the Array. */
    free(h->role);
    h->role = NULL;
    s = ms_suspects_find(h, &a.dom, 10.0, &n);
    assert_int_equal(n, 3);
    assert_int_equal(h->id[s[0].node], 3);
    assert_int_equal(s[0].holds_count, 0);
    assert_int_equal(h->id[s[1].node], 4);
    assert_int_equal(s[1].retained, 650);
    assert_int_equal(s[1].holds_count, 6);
    free(s);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

static void test_detached(void **state)
{
    (void)state;
    ms_heap *h;
    ms_analysis a;
    analyse(&h, &a);
    ms_detached d;
    ms_detached_find(h, &a.dom, &d);
    assert_true(d.has_dom);
    /* Detached: 6, 7, 8, 10: 40+40+10+5 = 95 bytes. Outermost: 6 (50 with
     * its <td>), 7 (40), 10 (5): 95 retained, each byte once. */
    assert_int_equal(d.count, 4);
    assert_int_equal(d.bytes, 95);
    assert_int_equal(d.retained, 95);
    assert_int_equal(d.ntypes, 3);
    assert_string_equal(ms_heap_str(h, d.types[0].type), "Detached <section>");
    assert_int_equal(d.types[0].count, 2);
    assert_int_equal(d.types[0].bytes, 80);
    assert_int_equal(d.types[0].retained, 90);
    assert_string_equal(ms_heap_str(h, d.types[1].type), "Detached <div>");
    assert_int_equal(d.types[1].retained, 5);
    assert_string_equal(ms_heap_str(h, d.types[2].type), "Detached <td>");
    assert_int_equal(d.types[2].retained, 0);
    /* Holders: the Array holds 3 (6, 7 and 6's <td>); the <div> hangs from
     * a native (blink::Holder), so the Window, the nearest holder above it,
     * is named for it. */
    assert_int_equal(d.nholders, 2);
    assert_int_equal(h->id[d.holders[0].node], 5);
    assert_int_equal(d.holders[0].count, 3);
    assert_int_equal(d.holders[0].retained, 110);
    assert_int_equal(h->id[d.holders[1].node], 2);
    assert_int_equal(d.holders[1].count, 1);
    ms_detached_free(&d);
    /* No DOM role at all: no DOM. */
    for (uint32_t i = 0; i < h->n; i++)
        h->role[i] &= (uint8_t) ~(MS_ROLE_DOM | MS_ROLE_DETACHED);
    ms_detached_find(h, &a.dom, &d);
    assert_false(d.has_dom);
    assert_int_equal(d.count, 0);
    ms_detached_free(&d);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

/* A CPython heap (index = id - 1):
 *   1 module app (72)         -> 2 (__dict__)
 *   2 dict, its namespace (200) -> 3 ('CACHE'), 4 ('handler'), 5 ('Session'),
 *                                 11 ('__doc__')
 *   3 dict (100)              -> 12..21 ('k0'..'k9': data keys)
 *   4 function handler (100)  -> 8 (__code__), 2 (__globals__)
 *   5 type Session (400)      -> 7 (__dict__), 6 (__mro__)
 *   6 tuple (40)              -> 5
 *   7 dict, the class's (200) -> 4 ('run')
 *   8 code (150)              -> 9 (co_consts)
 *   9 tuple (40)              -> 10
 *   10 str, a docstring (500)
 *   11 str, the module's docstring (3000), which the module dict names
 *   12..21 Session (100 each) -> one bytes (160) each, 22..31
 * roots: 1 and, as CPython's rule would find, 10 (held from C too).
 * Reachable: 72+200+100+100+400+40+200+150+40+500+3000+1000+1600 = 7402. */
static ms_heap *cpython_heap(void)
{
    enum { M = 31 };
    static const char *const ty[M] = { "module", "dict", "dict", "function", "type", "tuple",
                                       "dict", "code", "tuple", "str", "str" };
    static const uint64_t sz[M] = { 72, 200, 100, 100, 400, 40, 200, 150, 40, 500, 3000 };
    static const uint64_t r1[] = { 2 }, r2[] = { 3, 4, 5, 11 }, r4[] = { 8, 2 }, r5[] = { 7, 6 },
                          r6[] = { 5 }, r7[] = { 4 }, r8[] = { 9 }, r9[] = { 10 };
    static const char *const n1[] = { "__dict__" }, *const n2[] = { "'CACHE'", "'handler'",
                                                                   "'Session'", "'__doc__'" },
                             *const n4[] = { "__code__", "__globals__" },
                             *const n5[] = { "__dict__", "__mro__" }, *const n6[] = { "[0]" },
                             *const n7[] = { "'run'" }, *const n8[] = { "co_consts" },
                             *const n9[] = { "[0]" };
    static const uint64_t *const refs[M] = { r1, r2, NULL, r4, r5, r6, r7, r8, r9 };
    static const char *const *const names[M] = { n1, n2, NULL, n4, n5, n6, n7, n8, n9 };
    static const uint32_t nrefs[M] = { 1, 4, 10, 2, 2, 1, 1, 1, 1 };
    ms_builder *b = ms_builder_new();
    ms_strpool *sp = ms_builder_strings(b);
    ms_error err;
    for (uint32_t i = 0; i < M; i++) {
        ms_record r;
        memset(&r, 0, sizeof r);
        uint64_t cache_refs[10];
        uint32_t nm[10];
        r.id = i + 1;
        const char *t = i < 11 ? ty[i] : i < 21 ? "app.Session" : "bytes";
        r.type = ms_strpool_intern(sp, t, strlen(t));
        r.size = i < 11 ? sz[i] : i < 21 ? 100 : 160;
        r.nrefs = i < 11 ? nrefs[i] : i < 21 ? 1 : 0;
        if (i == 2) {
            for (uint32_t k = 0; k < 10; k++) {
                char key[8];
                snprintf(key, sizeof key, "'k%u'", k);
                cache_refs[k] = 12 + k;
                nm[k] = ms_strpool_intern(sp, key, strlen(key));
            }
            r.refs = cache_refs;
            r.names = nm;
        } else if (i >= 11 && i < 21) {
            cache_refs[0] = i + 11;
            r.refs = cache_refs;
        } else if (i < 11 && refs[i]) {
            r.refs = refs[i];
            for (uint32_t k = 0; k < nrefs[i]; k++)
                nm[k] = ms_strpool_intern(sp, names[i][k], strlen(names[i][k]));
            r.names = nm;
        }
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_builder_add_root(b, 1);
    ms_builder_add_root(b, 10);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    return h;
}

/* The module, its namespace and the class are holders; the function (only
 * the baseline refers to it), code and the docstrings (only code, or only
 * the namespace, refers to them) are baseline; the cache is data, named by
 * the namespace. At 10% of 7,402 (741) the module's docstring (3,000) is
 * baseline and no suspect; the cache (2,700) is the one suspect, by its
 * name, made of bytes first. */
static void test_cpython_baseline(void **state)
{
    (void)state;
    ms_heap *h = cpython_heap();
    ms_cpython_roles(h);
    ms_roles_named(h);
    uint8_t hb = MS_ROLE_HOLDER | MS_ROLE_BASELINE;
    assert_int_equal(h->role[0] & hb, hb);
    assert_int_equal(h->role[1] & hb, hb);
    assert_int_equal(h->role[4] & hb, hb);
    assert_int_equal(h->role[6] & hb, hb);
    assert_int_equal(h->role[2] & (MS_ROLE_BASELINE | MS_ROLE_NAMED), MS_ROLE_NAMED);
    for (int i = 3; i <= 10; i++)
        assert_true(h->role[i] & MS_ROLE_BASELINE);
    for (int i = 11; i < 31; i++)
        assert_false(h->role[i] & MS_ROLE_BASELINE);
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS, &a);
    assert_int_equal(a.dom.retained[0], 7402);
    uint32_t n;
    ms_suspect *s = ms_suspects_find(h, &a.dom, 10.0, &n);
    assert_true(n >= 1);
    assert_int_equal(h->id[s[0].node], 3);
    assert_int_equal(s[0].retained, 2700);
    assert_false(s[0].below);
    for (uint32_t k = 1; k < n; k++)
        assert_true(s[k].below);
    for (uint32_t k = 0; k < n; k++)
        assert_false(h->role[s[k].node] & MS_ROLE_BASELINE);
    ms_suspects_describe(h, &a.dom, s, n);
    assert_string_equal(ms_heap_str(h, s[0].parts[0].type), "bytes");
    assert_int_equal(s[0].parts[0].count, 10);
    assert_int_equal(s[0].parts[0].bytes, 1600);
    free(s);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suspects_below_holders),
        cmocka_unit_test(test_cpython_baseline),
        cmocka_unit_test(test_detached),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
