/* test_analysis.c — the graph analyses (dominators, cycles, garbage,
 * paths, suspects) as functions of a graph built in the test.
 *
 * - Lengauer and Tarjan's own example (TOPLAS 1979, figure 1: R and A..L)
 *   with the immediate dominators the paper gives, and the retained sizes
 *   they imply.
 * - Random graphs of every density, with weak references, several roots,
 *   self references and garbage: every invariant of tests/tools/
 *   invariants.h, which checks dominance by brute force (removing each
 *   object in turn) on graphs of up to 400 objects, and the same analyses
 *   with threads on and off giving the same tree.
 * - Retained sizes of groups of objects (types, allocation sites) against
 *   a walk up each object's dominators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/heap.h"

#include "../tools/invariants.h"

#include <stdlib.h>
#include <string.h>

/* Builds a graph of n objects, ids 1..n, types "T0".."T4" (in the ratio
 * 5:4:3:2:1, so that the type histogram's orders differ), sizes size[i] (or
 * 10 * (i + 1)), references refs[i][0..deg[i]) by id, weak ones
 * weak[i][0..nweak[i]), and the given root ids. */
typedef struct spec {
    uint32_t n;
    uint64_t *size;
    uint64_t **refs, **weak;
    uint32_t *deg, *nweak;
    uint64_t *roots;
    uint32_t nroots;
} spec;

static ms_heap *build(const spec *s)
{
    ms_builder *b = ms_builder_new();
    ms_error err;
    uint32_t t[5];
    for (int k = 0; k < 5; k++) {
        char name[3] = { 'T', (char)('0' + k), 0 };
        t[k] = ms_strpool_intern(ms_builder_strings(b), name, 2);
    }
    for (uint32_t i = 0; i < s->n; i++) {
        ms_record r;
        memset(&r, 0, sizeof r);
        r.id = i + 1;
        static const uint8_t of15[15] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4 };
        r.type = t[of15[i % 15]];
        r.size = s->size ? s->size[i] : 10 * (i + 1);
        r.refs = s->refs[i];
        r.nrefs = s->deg[i];
        if (s->weak) {
            r.weak = s->weak[i];
            r.nweak = s->nweak[i];
        }
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    for (uint32_t k = 0; k < s->nroots; k++)
        ms_builder_add_root(b, s->roots[k]);
    ms_builder_set_header(b);
    ms_heap *h;
    assert_int_equal(ms_builder_finish(b, &h, &err), MS_OK);
    return h;
}

/* Lengauer and Tarjan, "A fast algorithm for finding dominators in a
 * flowgraph", figure 1, with R..L as ids 1..13:
 *   R -> A B C   A -> D   B -> A D E   C -> F G   D -> L   E -> H
 *   F -> I       G -> I J H -> E K    I -> K     J -> I   K -> I R
 *   L -> H
 * Their table of immediate dominators: R for A, B, C, D, E, H, I, K; C for
 * F and G; D for L; G for J. */
enum { R = 1, A, B, C, D, E, F, G, H, I, J, K, L };

static void test_lengauer_tarjan_figure(void **state)
{
    (void)state;
    static uint64_t rR[] = { A, B, C }, rA[] = { D }, rB[] = { A, D, E }, rC[] = { F, G },
                    rD[] = { L }, rE[] = { H }, rF[] = { I }, rG[] = { I, J }, rH[] = { E, K },
                    rI[] = { K }, rJ[] = { I }, rK[] = { I, R }, rL[] = { H };
    uint64_t *refs[] = { rR, rA, rB, rC, rD, rE, rF, rG, rH, rI, rJ, rK, rL };
    uint32_t deg[] = { 3, 1, 3, 2, 1, 1, 1, 2, 2, 1, 1, 2, 1 };
    uint64_t roots[] = { R };
    spec s = { .n = 13, .refs = refs, .deg = deg, .roots = roots, .nroots = 1 };
    ms_heap *h = build(&s);
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &a);
    static const uint64_t want[14] = { 0, 0, R, R, R, R, R, C, C, R, R, G, R, D };
    for (uint64_t id = A; id <= L; id++) {
        uint32_t i = a.dom.num[id - 1];
        assert_true(i > 0);
        assert_int_equal(a.dom.vertex[a.dom.idom[i]] + 1, want[id]);
    }
    /* Sizes are 10 * id: C retains C, F, G, J = 40 + 70 + 80 + 110; D
     * retains D and L = 50 + 130; G retains G and J = 190; R everything,
     * 10 * (1 + ... + 13) = 910. */
    assert_int_equal(ms_retained(&a.dom, C - 1), 300);
    assert_int_equal(ms_retained(&a.dom, D - 1), 180);
    assert_int_equal(ms_retained(&a.dom, G - 1), 190);
    assert_int_equal(ms_retained(&a.dom, R - 1), 910);
    assert_int_equal(ms_retained(&a.dom, I - 1), 100);
    /* K -> R, and every object reaches K (through I or H): all 13 are one
     * strongly connected component. */
    assert_int_equal(a.cycles.count, 1);
    assert_int_equal(a.cycles.cycle[1].objects, 13);
    assert_null(ms_check_invariants(h, &a, NULL));
    ms_analysis_free(&a);
    ms_heap_free(h);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t below(uint64_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng % n;
}

/* A random graph: n objects, each with 0..2*mean references (some of them
 * weak, some to itself), k random roots. */
static ms_heap *random_graph(uint32_t n, uint32_t mean, uint32_t k)
{
    spec s = { .n = n, .nroots = k };
    s.size = ms_malloc(n * sizeof *s.size);
    s.refs = ms_malloc(n * sizeof *s.refs);
    s.weak = ms_malloc(n * sizeof *s.weak);
    s.deg = ms_malloc(n * sizeof *s.deg);
    s.nweak = ms_malloc(n * sizeof *s.nweak);
    s.roots = ms_malloc(k * sizeof *s.roots);
    for (uint32_t i = 0; i < n; i++) {
        s.size[i] = below(5) ? below(1000) : 0;
        s.deg[i] = (uint32_t)below(2 * mean + 1);
        s.nweak[i] = below(8) == 0;
        s.refs[i] = ms_malloc((s.deg[i] + 1) * sizeof **s.refs);
        s.weak[i] = ms_malloc(sizeof **s.weak);
        for (uint32_t j = 0; j < s.deg[i]; j++)
            s.refs[i][j] = below(20) ? 1 + below(n) : i + 1;
        s.weak[i][0] = 1 + below(n);
    }
    for (uint32_t j = 0; j < k; j++)
        s.roots[j] = 1 + below(n);
    ms_heap *h = build(&s);
    for (uint32_t i = 0; i < n; i++) {
        free(s.refs[i]);
        free(s.weak[i]);
    }
    free(s.size);
    free(s.refs);
    free(s.weak);
    free(s.deg);
    free(s.nweak);
    free(s.roots);
    return h;
}

static void check_random(uint32_t n, uint32_t mean, uint32_t k)
{
    ms_heap *h = random_graph(n, mean, k);
    ms_analysis a, one;
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &a);
    ms_findings f;
    ms_findings_run(h, &a, MS_SORT_BYTES, 0, 5.0, &f);
    const char *bad = ms_check_invariants(h, &a, &f);
    if (bad)
        fail_msg("n=%u mean=%u roots=%u: %s", n, mean, k, bad);
    /* One thread gives the same tree. */
    setenv("MEMSCOPE_THREADS", "1", 1);
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES, &one);
    unsetenv("MEMSCOPE_THREADS");
    assert_int_equal(one.dom.count, a.dom.count);
    assert_memory_equal(one.dom.idom, a.dom.idom, ((size_t)a.dom.count + 1) * sizeof *a.dom.idom);
    assert_memory_equal(one.dom.retained, a.dom.retained,
                        ((size_t)a.dom.count + 1) * sizeof *a.dom.retained);
    ms_analysis_free(&one);
    /* The type histogram taken beside the analyses gives the same rows,
     * in the order asked for. */
    for (int sort = MS_SORT_BYTES; sort <= MS_SORT_RETAINED; sort++) {
        ms_findings f1, f2;
        ms_findings_run(h, &a, (ms_type_sort)sort, 0, 5.0, &f1);
        ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES | MS_RUN_TYPES, &one);
        assert_non_null(one.types);
        ms_findings_run(h, &one, (ms_type_sort)sort, 0, 5.0, &f2);
        assert_int_equal(f1.ntypes, f2.ntypes);
        assert_memory_equal(f1.types, f2.types, f1.ntypes * sizeof *f1.types);
        ms_findings_free(&f1);
        ms_findings_free(&f2);
        ms_analysis_free(&one);
    }
    ms_findings_free(&f);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

static void test_random_small(void **state)
{
    (void)state;
    for (uint32_t round = 0; round < 200; round++)
        check_random(1 + (uint32_t)below(60), (uint32_t)below(4), 1 + (uint32_t)below(3));
}

static void test_random_brute_force(void **state)
{
    (void)state;
    for (uint32_t mean = 1; mean <= 4; mean++)
        check_random(BRUTE_MAX, mean, 2);
}

static void test_random_large(void **state)
{
    (void)state;
    /* Past the brute force: the other invariants still hold. */
    check_random(20000, 2, 3);
    check_random(20000, 3, 1);
}

/* Group retained sizes (ms_groups_retained) by brute force: number v
 * counts in group g when g is in v's list and in none of its dominators'.
 * Keys are random, and lists repeat groups within themselves (a list
 * naming g twice counts v once). Type retained sizes likewise, through
 * ms_key_retained_by_key. Random graphs have long chains, bushy
 * nodes and childless ones, which the walk takes without a visit. */
static void check_groups(uint32_t n, uint32_t mean)
{
    ms_heap *h = random_graph(n, mean, 3);
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS, &a);
    const ms_domtree *dt = &a.dom;
    enum { KEYS = 7, GROUPS = 5 };
    /* Key k's list: groups k % 5, (3k + 1) % 5 and k % 5 again; key 6's
     * is empty. */
    uint32_t off[KEYS + 1], list[3 * KEYS], nl = 0;
    for (uint32_t k = 0; k < KEYS; k++) {
        off[k] = nl;
        if (k == KEYS - 1)
            continue;
        list[nl++] = k % GROUPS;
        list[nl++] = (3 * k + 1) % GROUPS;
        list[nl++] = k % GROUPS;
    }
    off[KEYS] = nl;
    uint32_t *key = ms_malloc(((size_t)dt->count + 1) * sizeof *key);
    for (uint32_t v = 0; v <= dt->count; v++)
        key[v] = (uint32_t)below(KEYS);
    uint64_t got[GROUPS + 1] = { 0 }, want[GROUPS + 1] = { 0 };
    ms_groups_retained(dt, key, off, list, GROUPS, got);
    for (uint32_t v = 1; v <= dt->count; v++)
        for (uint32_t g = 0; g < GROUPS; g++) {
            bool in = false;
            for (uint32_t x = off[key[v]]; x < off[key[v] + 1]; x++)
                in |= list[x] == g;
            for (uint32_t u = dt->idom[v]; in && u; u = dt->idom[u])
                for (uint32_t x = off[key[u]]; x < off[key[u] + 1]; x++)
                    if (list[x] == g)
                        in = false;
            if (in)
                want[g] += dt->retained[v];
        }
    assert_memory_equal(got, want, sizeof want);
    free(key);
    /* Type retained sizes, by type string. */
    uint32_t ns = h->strings.count;
    uint64_t *by_type = ms_key_retained_by_key(h, h->type, dt);
    uint64_t *want_type = ms_calloc((size_t)ns + 1, sizeof *want_type);
    for (uint32_t v = 1; v <= dt->count; v++) {
        uint32_t t = h->type[dt->vertex[v]];
        bool first = true;
        for (uint32_t u = dt->idom[v]; first && u; u = dt->idom[u])
            first = h->type[dt->vertex[u]] != t;
        if (first)
            want_type[t] += dt->retained[v];
    }
    assert_memory_equal(by_type, want_type, ((size_t)ns + 1) * sizeof *by_type);
    free(by_type);
    free(want_type);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

static void test_groups_retained(void **state)
{
    (void)state;
    for (uint32_t round = 0; round < 50; round++)
        check_groups(1 + (uint32_t)below(200), (uint32_t)below(4));
    check_groups(20000, 1);
    check_groups(20000, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengauer_tarjan_figure),
        cmocka_unit_test(test_random_small),
        cmocka_unit_test(test_random_brute_force),
        cmocka_unit_test(test_random_large),
        cmocka_unit_test(test_groups_retained),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
