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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_grown),
        cmocka_unit_test(test_leaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
