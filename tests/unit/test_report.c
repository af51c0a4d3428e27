/* test_report.c — number formatting for tables, TSV escaping, JSON string
 * quoting, and the three root rules on small graphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/analysis.h"
#include "memscope/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_bytes(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(ms_fmt_bytes(0, b, sizeof b), "0 B");
    assert_string_equal(ms_fmt_bytes(1023, b, sizeof b), "1023 B");
    assert_string_equal(ms_fmt_bytes(1024, b, sizeof b), "1.0 KiB");
    assert_string_equal(ms_fmt_bytes(1536, b, sizeof b), "1.5 KiB");
    assert_string_equal(ms_fmt_bytes(12900000, b, sizeof b), "12.3 MiB");
    assert_string_equal(ms_fmt_bytes(1048575, b, sizeof b), "1.0 MiB"); /* not "1024.0 KiB" */
    assert_string_equal(ms_fmt_bytes(UINT64_MAX, b, sizeof b), "16.0 EiB");
}

static void test_count(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(ms_fmt_count(0, b, sizeof b), "0");
    assert_string_equal(ms_fmt_count(999, b, sizeof b), "999");
    assert_string_equal(ms_fmt_count(1000, b, sizeof b), "1,000");
    assert_string_equal(ms_fmt_count(1234567, b, sizeof b), "1,234,567");
    assert_string_equal(ms_fmt_count(UINT64_MAX, b, sizeof b), "18,446,744,073,709,551,615");
}

static char *capture(void (*fn)(FILE *, const char *), const char *arg)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    fn(f, arg);
    fclose(f);
    return buf;
}

static void test_escaping(void **state)
{
    (void)state;
    char *s = capture(ms_tsv_str, "a\tb\nc\\d\re");
    assert_string_equal(s, "a\\tb\\nc\\\\d\\re");
    free(s);
    s = capture(ms_json_quote, "q\"b\\\x01\n\xc3\xa9");
    assert_string_equal(s, "\"q\\\"b\\\\\\u0001\\n\xc3\xa9\"");
    free(s);
}

/* Builds a graph from (id, rc, gc, refs...) rows; rc < 0 means absent. */
static ms_heap *graph(int rows, const int spec[][6], const uint64_t *header_roots, int nroots)
{
    ms_builder *b = ms_builder_new();
    ms_error err;
    uint32_t t = ms_strpool_intern(ms_builder_strings(b), "T", 1);
    for (int i = 0; i < rows; i++) {
        uint64_t refs[3];
        uint32_t n = 0;
        for (int k = 3; k < 6; k++)
            if (spec[i][k])
                refs[n++] = (uint64_t)spec[i][k];
        ms_record r = { .id = (uint64_t)spec[i][0], .type = t, .size = 1, .refs = refs, .nrefs = n };
        if (spec[i][1] >= 0) {
            r.flags |= MS_NODE_HAS_RC;
            r.rc = (uint32_t)spec[i][1];
        }
        if (spec[i][2] >= 0)
            r.flags |= MS_NODE_GC_KNOWN | (spec[i][2] ? MS_NODE_GC : 0);
        assert_int_equal(ms_builder_add(b, &r, &err), MS_OK);
    }
    for (int i = 0; i < nroots; i++)
        ms_builder_add_root(b, header_roots[i]);
    ms_heap *h;
    ms_error ferr;
    assert_int_equal(ms_builder_finish(b, &h, &ferr), MS_OK);
    return h;
}

static void test_cut(void **state)
{
    (void)state;
    char buf[64];
    const char *fits = "{Node ×2}";
    assert_ptr_equal(ms_text_cut(fits, 9, buf, sizeof buf), fits);
    assert_string_equal(ms_text_cut("abcdefghij", 5, buf, sizeof buf), "abcd\xe2\x80\xa6");
    assert_int_equal(ms_text_width(buf), 5);
    /* Multi-byte characters stay whole: "×" is two bytes, one column. */
    assert_string_equal(ms_text_cut("a ×2, b ×3", 6, buf, sizeof buf), "a ×2,\xe2\x80\xa6");
    /* A control character prints as \xNN (4 columns) and is not split. */
    assert_string_equal(ms_text_cut("ab\x01" "cdef", 5, buf, sizeof buf), "ab\xe2\x80\xa6");
    /* A buffer too small for max: the text is left whole. */
    const char *long_text = "0123456789";
    assert_ptr_equal(ms_text_cut(long_text, 5, buf, 8), long_text);
}

/* ms_table_keep: copies that outlive the caller's buffer, past one block. */
static void test_keep(void **state)
{
    (void)state;
    static const ms_column cols[] = { { "name", "NAME", MS_COL_STR, NULL, 0 } };
    ms_table t;
    ms_table_init(&t, cols, 1);
    char buf[MS_INDEX_NAME_MAX];
    for (uint32_t k = 0; k < 2000; k++) {
        ms_index_name(buf, k);
        ms_table_row(&t)[0].s = ms_table_keep(&t, buf);
    }
    memset(buf, 'x', sizeof buf - 1);
    for (uint32_t k = 0; k < 2000; k++) {
        char want[MS_INDEX_NAME_MAX];
        ms_index_name(want, k);
        assert_string_equal(t.cells[k].s, want);
    }
    ms_table_free(&t);
}

static void test_roots(void **state)
{
    (void)state;
    ms_roots r;
    /* No rc, no header: objects nothing references. 1->2->3->2, 4 alone. */
    static const int plain[][6] = { { 1, -1, -1, 2, 0, 0 }, { 2, -1, -1, 3, 0, 0 },
                                    { 3, -1, -1, 2, 0, 0 }, { 4, -1, -1, 0, 0, 0 } };
    ms_heap *h = graph(4, plain, NULL, 0);
    ms_roots_find(h, &r);
    assert_int_equal(r.rule, MS_ROOTS_NO_REFERRERS);
    assert_int_equal(r.count, 2);
    assert_int_equal(r.nodes[0], 0);
    assert_int_equal(r.nodes[1], 3);
    assert_string_equal(ms_root_rule_name(r.rule), "no-referrers");
    ms_roots_free(&r);
    ms_heap_free(h);
    /* Header roots win over everything. */
    uint64_t hr[] = { 3 };
    h = graph(4, plain, hr, 1);
    ms_roots_find(h, &r);
    assert_int_equal(r.rule, MS_ROOTS_DUMP);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.nodes[0], 2);
    ms_roots_free(&r);
    ms_heap_free(h);
    /* Refcount rule: 10 (rc 1, nothing tracked refers) is a root; 11 has
     * rc 1 = one reference from tracked 10; 12 has rc 3 but only one tracked
     * referrer (11) plus one from untracked 13, so it is a root; 13 is
     * untracked with rc 5 and no referrers: held from outside the dump, a
     * root; 14 references itself with rc 1: garbage, not a root; 15 has no
     * gc key: counted as tracked. Untracked objects count references from
     * every object: 16 (rc 1, held by 14) is not a root, 17 (rc 2, held by
     * untracked 13 once) is, 18 (rc 1, held by 13) is not. */
    static const int rcg[][6] = { { 10, 1, 1, 11, 0, 0 },  { 11, 1, 1, 12, 0, 0 },
                                  { 12, 3, 1, 0, 0, 0 },   { 13, 5, 0, 12, 17, 18 },
                                  { 14, 1, 1, 14, 16, 0 }, { 15, 2, -1, 0, 0, 0 },
                                  { 16, 1, 0, 0, 0, 0 },   { 17, 2, 0, 0, 0, 0 },
                                  { 18, 1, 0, 0, 0, 0 } };
    h = graph(9, rcg, NULL, 0);
    ms_roots_find(h, &r);
    assert_int_equal(r.rule, MS_ROOTS_REFCOUNT);
    assert_int_equal(r.count, 5);
    assert_int_equal(r.nodes[0], 0);
    assert_int_equal(r.nodes[1], 2);
    assert_int_equal(r.nodes[2], 3);
    assert_int_equal(r.nodes[3], 5);
    assert_int_equal(r.nodes[4], 7);
    assert_int_equal(r.inconsistent, 0);
    ms_roots_free(&r);
    ms_heap_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_roots),
        cmocka_unit_test(test_keep),
        cmocka_unit_test(test_cut),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
