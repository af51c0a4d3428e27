/* test_sites.c — grouping by allocation site on a hand-built graph: counts
 * and bytes by innermost frame, by two frames and cumulatively, and
 * retained bytes counting an object another of its site dominates once.
 * Expected numbers are worked out in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/heap.h"

#include <stdlib.h>
#include <string.h>

/* Objects (id = index + 1), all reached from 1:
 *   1 root (no site) -> 2, 5
 *   2 list 100, site A        -> 3, 4
 *   3 item 10, site B (B's caller: A)
 *   4 item 10, site A
 *   5 dict 50, site A <- C? no: site C (a caller of nothing)
 * Stacks: 0 = "a.py:1", 1 = "b.py:2" <- stack 0, 2 = "c.py:3". */
static ms_heap *graph(void)
{
    static const uint64_t r1[] = { 2, 5 }, r2[] = { 3, 4 };
    static const uint64_t *refs[5] = { r1, r2, NULL, NULL, NULL };
    static const uint32_t nrefs[5] = { 2, 2, 0, 0, 0 };
    static const uint64_t size[5] = { 0, 100, 10, 10, 50 };
    static const char *types[5] = { "module", "list", "item", "item", "dict" };
    ms_builder *b = ms_builder_new();
    ms_error err;
    for (uint32_t i = 0; i < 5; i++) {
        ms_record r;
        memset(&r, 0, sizeof r);
        r.id = i + 1;
        r.type = ms_strpool_intern(ms_builder_strings(b), types[i], strlen(types[i]));
        r.size = size[i];
        r.refs = refs[i];
        r.nrefs = nrefs[i];
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    ms_builder_add_root(b, 1);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    ms_sites *st = &h->sites;
    st->count = 3;
    st->frame = ms_malloc(3 * sizeof *st->frame);
    st->parent = ms_malloc(3 * sizeof *st->parent);
    const char *frames[3] = { "a.py:1", "b.py:2", "c.py:3" };
    for (int k = 0; k < 3; k++)
        st->frame[k] = ms_strpool_intern(&h->strings, frames[k], strlen(frames[k]));
    st->parent[0] = MS_NONE;
    st->parent[1] = 0;
    st->parent[2] = MS_NONE;
    h->site = ms_calloc(5, sizeof *h->site);
    h->site[1] = 1; /* list: stack 0 */
    h->site[2] = 2; /* item 3: stack 1 */
    h->site[3] = 1; /* item 4: stack 0 */
    h->site[4] = 3; /* dict: stack 2 */
    return h;
}

static const ms_site_row *row(const ms_site_table *t, const char *site)
{
    for (uint32_t k = 0; k < t->nrows; k++)
        if (strcmp(ms_strpool_get(&t->names, t->rows[k].key), site) == 0)
            return &t->rows[k];
    return NULL;
}

static void test_sites(void **state)
{
    (void)state;
    ms_heap *h = graph();
    ms_analysis a;
    ms_analysis_run(h, MS_RUN_DOMINATORS, &a);
    ms_site_table t;
    /* Innermost frame: a.py:1 has the list and item 4 (110 B); the list
     * dominates item 4, so it retains the list's 120 once. b.py:2: item 3
     * (10). c.py:3: the dict (50). One object (the module) has none. */
    ms_sites_group(h, &a.dom, 1, false, MS_SORT_RETAINED, &t);
    assert_int_equal(t.nrows, 3);
    assert_string_equal(ms_strpool_get(&t.names, t.rows[0].key), "a.py:1");
    assert_int_equal(t.rows[0].count, 2);
    assert_int_equal(t.rows[0].bytes, 110);
    assert_int_equal(t.rows[0].retained, 120);
    assert_string_equal(ms_heap_str(h, t.rows[0].top_type), "list");
    assert_int_equal(row(&t, "b.py:2")->retained, 10);
    assert_int_equal(row(&t, "c.py:3")->retained, 50);
    assert_int_equal(t.unattributed, 1);
    ms_site_table_free(&t);
    /* Two frames: item 3's stack reads "b.py:2 <- a.py:1". */
    ms_sites_group(h, &a.dom, 2, false, MS_SORT_COUNT, &t);
    assert_non_null(row(&t, "b.py:2 <- a.py:1"));
    assert_null(row(&t, "b.py:2"));
    ms_site_table_free(&t);
    /* Cumulative: a.py:1 is credited with item 3 too (3 objects, 120 B),
     * still retaining 120 (the list dominates both items). */
    ms_sites_group(h, &a.dom, 1, true, MS_SORT_BYTES, &t);
    const ms_site_row *r = row(&t, "a.py:1");
    assert_int_equal(r->count, 3);
    assert_int_equal(r->bytes, 120);
    assert_int_equal(r->retained, 120);
    assert_int_equal(row(&t, "b.py:2")->count, 1);
    ms_site_table_free(&t);
    ms_analysis_free(&a);
    ms_heap_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
