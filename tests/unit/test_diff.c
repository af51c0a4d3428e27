/* test_diff.c — the diff analyses on hand-built dumps: matching by id and
 * by id and type across string pools, per-type new and freed counts (an
 * object whose type changed counts in both types, objects of size 0 in
 * neither), grown objects, and leaks folded along the dominator tree and
 * clustered with element indices and dict keys alike but namespace keys
 * apart. Expected numbers are worked out in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/heap.h"

#include <stdlib.h>
#include <string.h>

/* One object: id, type, size, then its references as (id, edge name). */
typedef struct obj {
    uint64_t id;
    const char *type;
    uint64_t size;
    uint64_t refs[4];
    const char *names[4];
} obj;

static ms_heap *build(const obj *objs, uint32_t n)
{
    ms_builder *b = ms_builder_new();
    ms_strpool *sp = ms_builder_strings(b);
    ms_error err;
    for (uint32_t i = 0; i < n; i++) {
        ms_record r;
        memset(&r, 0, sizeof r);
        uint32_t names[4];
        uint32_t k = 0;
        while (k < 4 && objs[i].refs[k]) {
            names[k] = ms_strpool_intern(sp, objs[i].names[k], strlen(objs[i].names[k]));
            k++;
        }
        r.id = objs[i].id;
        r.type = ms_strpool_intern(sp, objs[i].type, strlen(objs[i].type));
        r.size = objs[i].size;
        r.refs = objs[i].refs;
        r.names = k ? names : NULL;
        r.nrefs = k;
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_builder_add_root(b, objs[0].id);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    return h;
}

typedef struct side {
    ms_heap *h;
    ms_analysis an;
    ms_type_row *types;
    uint32_t ntypes;
    ms_diff_side s;
} side;

static void analyse(side *x, const obj *objs, uint32_t n)
{
    x->h = build(objs, n);
    ms_analysis_run(x->h, MS_RUN_DOMINATORS, &x->an);
    x->types = ms_type_histogram(x->h, MS_SORT_BYTES, &x->ntypes);
    ms_type_retained(x->h, &x->an.dom, x->types, x->ntypes, MS_SORT_BYTES);
    x->s = (ms_diff_side){ x->h, &x->an.dom, x->types, x->ntypes, x->h->type };
}

static void release(side *x)
{
    free(x->types);
    ms_analysis_free(&x->an);
    ms_heap_free(x->h);
}

/* BEFORE: a module (1) whose __dict__ (2) holds 'cache' (3, a dict), 'old'
 * (5, a str) and 'z' (6, an empty tuple of size 0); and, unreferenced, a
 * tuple 8 of size 0. */
static const obj before[] = {
    { 1, "module", 100, { 2 }, { "__dict__" } },
    { 2, "dict", 200, { 3, 5, 6 }, { "'cache'", "'old'", "'z'" } },
    { 3, "dict", 100, { 0 }, { NULL } },
    { 5, "str", 50, { 0 }, { NULL } },
    { 6, "tuple", 0, { 0 }, { NULL } },
    { 8, "tuple", 0, { 0 }, { NULL } },
};
/* AFTER: the cache holds Sessions 10 and 11 (each with its bytes), a list
 * (4, new) under 'other' holds Session 12; 5 is gone; 6 is now a "list"
 * (an address reused by another type); a new empty tuple 7 of size 0;
 * tuple 8 now of size 8. */
static const obj after[] = {
    { 1, "module", 100, { 2 }, { "__dict__" } },
    { 2, "dict", 200, { 3, 4, 6, 7 }, { "'cache'", "'other'", "'z'", "'e'" } },
    { 3, "dict", 300, { 10, 11 }, { "'u1'", "'u2'" } },
    { 4, "list", 60, { 12 }, { "[0]" } },
    { 6, "list", 40, { 0 }, { NULL } },
    { 7, "tuple", 0, { 0 }, { NULL } },
    { 10, "Session", 80, { 20 }, { "data" } },
    { 11, "Session", 80, { 21 }, { "data" } },
    { 12, "Session", 80, { 0 }, { NULL } },
    { 20, "bytes", 1000, { 0 }, { NULL } },
    { 21, "bytes", 1000, { 0 }, { NULL } },
    { 8, "tuple", 8, { 0 }, { NULL } },
};

static const ms_diff_row *row(const ms_diff *d, const char *type)
{
    for (uint32_t k = 0; k < d->nrows; k++)
        if (strcmp(ms_strpool_get(&d->names, d->rows[k].type), type) == 0)
            return &d->rows[k];
    return NULL;
}

static void test_types_and_grown(void **state)
{
    (void)state;
    side a, b;
    analyse(&a, before, 6);
    analyse(&b, after, 12);
    uint32_t match[12];
    uint8_t same[12];
    ms_diff d;
    ms_diff_init(&d);
    d.identity = MS_IDENTITY_ID_TYPE;
    /* Matched by id and type: 1, 2, 3 and 8 (7 is new; 6 changed type):
     * 4 of after's 12. */
    d.matched = ms_diff_match(a.h, b.h, true, match, same);
    assert_int_equal(d.matched, 4);
    assert_int_equal(match[4], MS_NONE); /* id 6: a list now */
    assert_int_equal(same[4], 0);
    ms_diff_types(&d, &a.s, &b.s, match, same);
    const ms_diff_row *r = row(&d, "Session");
    assert_non_null(r);
    assert_int_equal(r->new_count, 3);
    assert_int_equal(r->new_bytes, 240);
    assert_int_equal(r->freed_count, 0);
    r = row(&d, "list"); /* 4 and 6 new */
    assert_int_equal(r->new_count, 2);
    assert_int_equal(r->new_bytes, 100);
    r = row(&d, "str"); /* 5 freed */
    assert_int_equal(r->freed_count, 1);
    assert_int_equal(r->freed_bytes, 50);
    /* Tuples: 6 was one of size 0 and 7 is one: neither counts; 8's size
     * stopped being 0: new, as DevTools' classes hold only sized objects. */
    r = row(&d, "tuple");
    assert_int_equal(r->new_count, 1);
    assert_int_equal(r->new_bytes, 8);
    assert_int_equal(r->freed_count, 0);
    assert_int_equal(r->count_before, 2);
    assert_int_equal(r->count_after, 2);
    /* Grown: the module (450 -> 2,940), its dict (350 -> 2,840), the cache
     * (100 -> 2,460); the top 2. */
    ms_diff_grown_find(&d, &a.s, &b.s, match, 2, &b.an.roots);
    assert_int_equal(d.ngrown, 2);
    assert_int_equal(b.h->id[d.grown[0].node], 1);
    assert_int_equal(d.grown[0].retained_before, 450);
    assert_int_equal(d.grown[0].retained_after, 2940);
    assert_int_equal(b.h->id[d.grown[1].node], 2);
    ms_diff_sort_rows(&d, MS_DIFF_SORT_COUNT);
    assert_string_equal(ms_strpool_get(&d.names, d.rows[0].type), "Session"); /* +3 */
    ms_diff_free(&d);
    release(&a);
    release(&b);
}

static void test_leaks(void **state)
{
    (void)state;
    side b;
    analyse(&b, after, 12);
    /* Leaked in FINAL (here AFTER itself): the Sessions and their bytes,
     * and the list 4. The bytes fold into their Sessions, Session 12 into
     * the list. Clusters: the cache's two entries ('u1', 'u2': one key),
     * and the list under 'other' (a namespace key: apart). */
    bool leaked[12] = { false };
    for (uint32_t j = 0; j < 12; j++) {
        uint64_t id = b.h->id[j];
        leaked[j] = id == 4 || (id >= 10 && id <= 12) || id == 20 || id == 21;
    }
    ms_diff d;
    ms_diff_init(&d);
    /* FINAL is AFTER itself; the leaked are new (no BEFORE node). */
    uint32_t same_node[12], old[12];
    for (uint32_t j = 0; j < 12; j++) {
        same_node[j] = j;
        old[j] = leaked[j] ? MS_NONE : j;
    }
    ms_leak_input in = { .after = &b.s, .final = &b.s, .after_old = old,
                         .final_in_after = same_node, .roots = &b.an.roots };
    ms_diff_leaks_find(&d, &in);
    assert_int_equal(d.leaked_objects, 6);
    assert_int_equal(d.nclusters, 2);
    assert_int_equal(d.clusters[0].count, 2);
    assert_int_equal(d.clusters[0].retained, 2160);
    assert_string_equal(ms_heap_str(b.h, d.clusters[0].type), "Session");
    assert_int_equal(d.clusters[1].count, 1);
    assert_int_equal(d.clusters[1].retained, 140);
    assert_string_equal(ms_heap_str(b.h, d.clusters[1].type), "list");
    assert_int_equal(d.leaked_retained, 2300);
    uint64_t m0 = b.h->id[d.members[d.clusters[0].members]];
    uint64_t m1 = b.h->id[d.members[d.clusters[0].members + 1]];
    assert_true((m0 == 10 && m1 == 11) || (m0 == 11 && m1 == 10));
    ms_diff_free(&d);
    release(&b);
}

/* A ring at its bound and a list that keeps everything, across AFTER and
 * FINAL. The module 1 holds (by namespace keys) the ring 2 and the list 3.
 * AFTER: the ring holds 10 (old) and 11, 12, 13 (new since BEFORE); the
 * list holds 20 (old), 21, 22 (new), and the list's dict 4 holds 30 (new)
 * under a cache key. FINAL: the ring dropped 11 and 12 and took 14, 15;
 * the list kept 21, 22 and took 23; dict 4 kept 30. Leaked (new in AFTER,
 * still in FINAL): 13, 21, 22, 30. */
static const obj ring_after[] = {
    { 1, "module", 50, { 2, 3, 4 }, { "'ring'", "'items'", "'index'" } },
    { 2, "deque", 40, { 10, 11, 12, 13 }, { "[0]", "[1]", "[2]", "[3]" } },
    { 3, "list", 40, { 20, 21, 22 }, { "[0]", "[1]", "[2]" } },
    { 4, "dict", 40, { 30 }, { "'k30'" } },
    { 10, "Sample", 100, { 0 }, { NULL } },
    { 11, "Sample", 100, { 0 }, { NULL } },
    { 12, "Sample", 100, { 0 }, { NULL } },
    { 13, "Sample", 100, { 0 }, { NULL } },
    { 20, "Job", 300, { 0 }, { NULL } },
    { 21, "Job", 300, { 0 }, { NULL } },
    { 22, "Job", 300, { 0 }, { NULL } },
    { 30, "Job", 300, { 0 }, { NULL } },
};
static const obj ring_final[] = {
    { 1, "module", 50, { 2, 3, 4 }, { "'ring'", "'items'", "'index'" } },
    { 2, "deque", 40, { 10, 13, 14, 15 }, { "[0]", "[1]", "[2]", "[3]" } },
    { 3, "list", 40, { 20, 21, 22, 23 }, { "[0]", "[1]", "[2]", "[3]" } },
    { 4, "dict", 40, { 30 }, { "'k30'" } },
    { 10, "Sample", 100, { 0 }, { NULL } },
    { 13, "Sample", 100, { 0 }, { NULL } },
    { 14, "Sample", 100, { 0 }, { NULL } },
    { 15, "Sample", 100, { 0 }, { NULL } },
    { 20, "Job", 300, { 0 }, { NULL } },
    { 21, "Job", 300, { 0 }, { NULL } },
    { 22, "Job", 300, { 0 }, { NULL } },
    { 23, "Job", 300, { 0 }, { NULL } },
    { 30, "Job", 300, { 0 }, { NULL } },
};

/* AFTER and FINAL of the ring and the list analysed, with how they match:
 * old[j] is BEFORE's node of AFTER's j (MS_NONE for the new 11, 12, 13,
 * 21, 22, 30; the others stand for themselves), in_after[k] AFTER's node
 * of FINAL's k (MS_NONE if new). */
static void ring_dumps(side *a, side *f, uint32_t old[12], uint32_t in_after[13])
{
    analyse(a, ring_after, 12);
    analyse(f, ring_final, 13);
    for (uint32_t j = 0; j < a->h->n; j++) {
        uint64_t id = a->h->id[j];
        old[j] = (id >= 11 && id <= 13) || id == 21 || id == 22 || id == 30 ? MS_NONE : j;
    }
    for (uint32_t k = 0; k < f->h->n; k++) {
        in_after[k] = MS_NONE;
        for (uint32_t j = 0; j < a->h->n; j++)
            if (a->h->id[j] == f->h->id[k])
                in_after[k] = j;
    }
}

/* The ring's 13 is churn (its holder dropped 2 of the 3 it took in since
 * BEFORE: bounded); the list's 21 and 22 are one leak (one holder), and
 * dict 4's 30 another (a namespace key apart); with all, the ring's
 * cluster is listed last as bounded. */
static void test_leak_churn(void **state)
{
    (void)state;
    side a, f;
    uint32_t old[12], in_after[13];
    ring_dumps(&a, &f, old, in_after);
    for (int all = 0; all < 2; all++) {
        ms_diff d;
        ms_diff_init(&d);
        ms_leak_input in = { .after = &a.s, .final = &f.s, .after_old = old,
                             .final_in_after = in_after, .roots = &f.an.roots, .all = all };
        ms_diff_leaks_find(&d, &in);
        ms_diff_leaks_describe(&d, &f.s);
        assert_int_equal(d.nclusters, all ? 3 : 2);
        assert_int_equal(d.clusters[0].count, 2);
        assert_int_equal(d.clusters[0].retained, 600);
        assert_int_equal(f.h->id[d.clusters[0].holder], 3);
        assert_string_equal(ms_heap_str(f.h, d.clusters[0].name), "'items'");
        assert_int_equal(d.clusters[0].churn, MS_CHURN_NONE);
        assert_int_equal(d.clusters[1].count, 1);
        assert_int_equal(f.h->id[d.members[d.clusters[1].members]], 30);
        assert_int_equal(d.leaked_retained, 900);
        assert_int_equal(d.churn_clusters, 1);
        assert_int_equal(d.churn_retained, 100);
        if (all) {
            assert_int_equal(d.clusters[2].churn, MS_CHURN_BOUNDED);
            assert_int_equal(f.h->id[d.clusters[2].first], 13);
        }
        ms_diff_free(&d);
    }
    release(&a);
    release(&f);
}

/* The same dumps, the list now marked bounded ("bound": a deque's maxlen):
 * what it took in is churn though it kept all of it, and the dict's 30 is
 * the one leak. */
static void test_leak_bound(void **state)
{
    (void)state;
    side a, f;
    uint32_t old[12], in_after[13];
    ring_dumps(&a, &f, old, in_after);
    for (uint32_t k = 0; k < f.h->n; k++)
        if (f.h->id[k] == 3)
            f.h->flags[k] |= MS_NODE_BOUNDED;
    ms_diff d;
    ms_diff_init(&d);
    ms_leak_input in = { .after = &a.s, .final = &f.s, .after_old = old,
                         .final_in_after = in_after, .roots = &f.an.roots };
    ms_diff_leaks_find(&d, &in);
    assert_int_equal(d.nclusters, 1);
    assert_int_equal(f.h->id[d.members[d.clusters[0].members]], 30);
    assert_int_equal(d.churn_clusters, 2);
    assert_int_equal(d.churn_retained, 700);
    ms_diff_free(&d);
    release(&a);
    release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_grown),
        cmocka_unit_test(test_leaks),
        cmocka_unit_test(test_leak_churn),
        cmocka_unit_test(test_leak_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
