/* test_util.c — the shared primitives in src/util: ids written as text
 * (ms_parse_id: decimal, 0x-hex, bounds and overflow), cutting a label
 * without splitting a UTF-8 sequence (ms_utf8_cut), giving back the pages
 * of arrays read front to back (ms_release_consumed, ms_copy_release), and
 * the id mixer being a bijection (undone by its inverse). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/alloc.h"
#include "memscope/id.h"
#include "memscope/strpool.h"
#include "memscope/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int parse(const char *s, uint64_t *v)
{
    return ms_parse_id(s, strlen(s), v);
}

static void test_parse_id(void **state)
{
    (void)state;
    uint64_t v = 0;
    assert_int_equal(parse("42", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(parse("0x7f0000001000", &v), 0);
    assert_int_equal(v, 0x7f0000001000ull);
    assert_int_equal(parse("0XaBc", &v), 0);
    assert_int_equal(v, 0xabc);
    assert_int_equal(parse("18446744073709551615", &v), 0);
    assert_int_equal(v, UINT64_MAX);
    assert_int_equal(parse("0xffffffffffffffff", &v), 0);
    assert_int_equal(v, UINT64_MAX);
    assert_int_equal(parse("18446744073709551616", &v), 1);
    assert_int_equal(parse("0x10000000000000000", &v), 1);
    assert_int_equal(parse("", &v), -1);
    assert_int_equal(parse("0x", &v), -1);   /* no digits: 'x' is not decimal */
    assert_int_equal(parse("12a", &v), -1);  /* hex digits need the prefix */
    assert_int_equal(parse("0x12g", &v), -1);
    assert_int_equal(parse("-1", &v), -1);
}

static void test_utf8_cut(void **state)
{
    (void)state;
    const char *s = "ab\xc3\xa9" "cd";  /* a b é c d: é is two bytes */
    assert_int_equal(ms_utf8_cut(s, 6, 10), 6);
    assert_int_equal(ms_utf8_cut(s, 6, 4), 4);  /* after é */
    assert_int_equal(ms_utf8_cut(s, 6, 3), 2);  /* not inside é */
    assert_int_equal(ms_utf8_cut(s, 6, 2), 2);
    assert_int_equal(ms_utf8_cut(s, 6, 0), 0);
}

/* Pages are given back only when wholly inside what was consumed, once,
 * and never a byte past it: the array starts off a 2 MiB boundary, and is
 * consumed in uneven steps. Given-back blocks read as zero (Linux). */
static void test_release_consumed(void **state)
{
    (void)state;
    enum { MIB = 1 << 20, BLOCK = 2 * MIB, BYTES = 13 * MIB };
    unsigned char *raw = ms_malloc(BYTES + 2 * BLOCK);
    uintptr_t al = ((uintptr_t)raw + BLOCK - 1) & ~(uintptr_t)(BLOCK - 1);
    unsigned char *a = (unsigned char *)al + 12345; /* off a boundary */
    size_t len = BYTES;
    for (size_t i = 0; i < len; i++)
        a[i] = (unsigned char)(i % 251 + 1);
    size_t steps[] = { 100, 3 * MIB, 3 * MIB + 1, 7 * MIB + 5, 11 * MIB };
    size_t from = 0;
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        ms_release_consumed(a, from, steps[k]);
        from = steps[k];
    }
    /* Blocks wholly inside [a, a + 11 MiB): from the first boundary after a
     * to the last one before a + 11 MiB. */
    uintptr_t first = ((uintptr_t)a + BLOCK - 1) & ~(uintptr_t)(BLOCK - 1);
    uintptr_t last = ((uintptr_t)a + 11 * MIB) & ~(uintptr_t)(BLOCK - 1);
    assert_true(last > first);
    for (size_t i = 0; i < len; i++) {
        uintptr_t p = (uintptr_t)(a + i);
        unsigned char want = p >= first && p < last ? 0 : (unsigned char)(i % 251 + 1);
        if (a[i] != want)
            fail_msg("byte %zu: %u, want %u", i, a[i], want);
    }
    free(raw);
}

static void test_copy_release(void **state)
{
    (void)state;
    size_t sizes[] = { 0, 1, 4095, (size_t)9 << 20, ((size_t)17 << 20) + 3 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        unsigned char *src = ms_malloc(n + 1), *dst = ms_malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            src[i] = (unsigned char)(i * 7 + k);
        ms_copy_release(dst, src, n);
        for (size_t i = 0; i < n; i++)
            if (dst[i] != (unsigned char)(i * 7 + k))
                fail_msg("size %zu byte %zu", n, i);
        free(src);
        free(dst);
    }
}

/* The inverse of ms_hash_u64: the same steps in reverse order, which for
 * the xor-shifts by 33 (each its own inverse) is the same order, with the
 * multipliers' inverses modulo 2^64 in reverse order. */
static uint64_t unhash(uint64_t x)
{
    return ms_mix_u64(x, 0x9cb4b2f8129337dbULL /* 1 / 0xc4ceb9fe1a85ec53 */,
                      0x4f74430c22a54005ULL /* 1 / 0xff51afd7ed558ccd */);
}

/* ms_hash_u64 is a bijection: unhash undoes it (resolve.c compares the
 * hashes of ids as if they were the ids). */
/* MS_GROW_ZERO: every item past the old capacity reads 0, kept items
 * keep their values, across several growths. */
static void test_grow_zero(void **state)
{
    (void)state;
    uint32_t *a = NULL;
    size_t cap = 0;
    for (uint32_t k = 0; k < 1000; k += 7) {
        MS_GROW_ZERO(a, cap, (size_t)k + 1);
        assert_true(cap > k);
        for (uint32_t j = 0; j < k; j++)
            assert_int_equal(a[j], j % 7 == 0 ? j + 1 : 0);
        for (size_t j = k; j < cap; j++)
            assert_int_equal(a[j], 0);
        a[k] = k + 1;
    }
    free(a);
}

static void test_unhash(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    uint64_t fixed[] = { 0, 1, UINT64_MAX, 0x7f0000001000ULL, 139637976925072ULL };
    for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++)
        assert_true(unhash(ms_hash_u64(fixed[k])) == fixed[k]);
    for (int k = 0; k < 100000; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        assert_true(unhash(ms_hash_u64(x)) == x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_id),
        cmocka_unit_test(test_utf8_cut),
        cmocka_unit_test(test_release_consumed),
        cmocka_unit_test(test_copy_release),
        cmocka_unit_test(test_unhash),
        cmocka_unit_test(test_grow_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
