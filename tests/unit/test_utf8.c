/* test_utf8.c — the UTF-8 walker (ms_utf8_char) against a decoder written
 * from RFC 3629's definition (lead bits give the length, the code point
 * must need that length, and be neither a surrogate nor above U+10FFFF):
 * every lead byte with every second byte, every third and a few fourth
 * bytes where they count, and each length cut short. Then the cases the
 * readers' error messages rely on, one by one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/utf8.h"

#include <stdint.h>

/* The length of the well-formed character at s[0..n), by the definition. */
static size_t reference(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0) {
        len = 2, cp = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3, cp = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return len;
}

static void test_walker_matches_rule(void **state)
{
    (void)state;
    static const unsigned char fourth[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff };
    unsigned char s[4];
    /* The third byte matters after a lead of 3 or 4 bytes, the fourth
     * after one of 4. */
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < (a >= 0xe0 ? 256u : 1u); c++)
                for (size_t d = 0; d < (a >= 0xf0 ? sizeof fourth : 1); d++) {
                    s[0] = (unsigned char)a;
                    s[1] = (unsigned char)b;
                    s[2] = (unsigned char)c;
                    s[3] = fourth[d];
                    for (size_t n = 1; n <= 4; n++)
                        if (ms_utf8_char((const char *)s, n) != reference(s, n))
                            fail_msg("%02x %02x %02x %02x, n = %zu: %zu, want %zu", a, b, c,
                                     fourth[d], n, ms_utf8_char((const char *)s, n),
                                     reference(s, n));
                }
}

static void test_walker_cases(void **state)
{
    (void)state;
    assert_int_equal(ms_utf8_char("a", 1), 1);
    assert_int_equal(ms_utf8_char("", 1), 1);                    /* NUL is ASCII */
    assert_int_equal(ms_utf8_char("\xc3\xa9", 2), 2);           /* é */
    assert_int_equal(ms_utf8_char("\xe2\x80\xa6", 3), 3);       /* … */
    assert_int_equal(ms_utf8_char("\xf0\x9f\x98\x80", 4), 4);   /* U+1F600 */
    assert_int_equal(ms_utf8_char("\xf4\x8f\xbf\xbf", 4), 4);   /* U+10FFFF */
    assert_int_equal(ms_utf8_char("\x80", 1), 0);               /* stray continuation */
    assert_int_equal(ms_utf8_char("\xc0\x80", 2), 0);           /* overlong NUL */
    assert_int_equal(ms_utf8_char("\xc1\xbf", 2), 0);           /* overlong */
    assert_int_equal(ms_utf8_char("\xe0\x9f\xbf", 3), 0);       /* overlong */
    assert_int_equal(ms_utf8_char("\xed\xa0\x80", 3), 0);       /* surrogate U+D800 */
    assert_int_equal(ms_utf8_char("\xf0\x8f\xbf\xbf", 4), 0);   /* overlong */
    assert_int_equal(ms_utf8_char("\xf4\x90\x80\x80", 4), 0);   /* U+110000 */
    assert_int_equal(ms_utf8_char("\xf5\x80\x80\x80", 4), 0);
    assert_int_equal(ms_utf8_char("\xff", 1), 0);
    assert_int_equal(ms_utf8_char("\xc3\xa9", 1), 0);           /* cut short */
    assert_int_equal(ms_utf8_char("\xe2\x80\xa6", 2), 0);
    assert_int_equal(ms_utf8_char("\xf0\x9f\x98\x80", 3), 0);
    assert_int_equal(ms_utf8_char("\xc3" "a", 2), 0);           /* no continuation */
}

static void test_utf16_units(void **state)
{
    (void)state;
    assert_int_equal(ms_utf16_units("abc", 3), 3);
    assert_int_equal(ms_utf16_units("\xc3\xa9\xe2\x80\xa6", 5), 2);
    assert_int_equal(ms_utf16_units("\xf0\x9f\x98\x80", 4), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walker_matches_rule),
        cmocka_unit_test(test_walker_cases),
        cmocka_unit_test(test_utf16_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
