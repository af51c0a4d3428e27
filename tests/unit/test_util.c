/* test_util.c — the shared text primitives in src/util: ids written as
 * text (ms_parse_id: decimal, 0x-hex, bounds and overflow) and cutting a
 * label without splitting a UTF-8 sequence (ms_utf8_cut). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/id.h"
#include "memscope/utf8.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_id),
        cmocka_unit_test(test_utf8_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
