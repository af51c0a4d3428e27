/* test_escape.c — each escaping rule of escape.c on hostile text: JSON
 * string literals, HTML text, JSON inside <script>, DOT strings (with the
 * cut after max characters and bytes that break the UTF-8 rule), TSV
 * fields and text for people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/escape.h"

#include <stdio.h>
#include <stdlib.h>

static char *capture(void (*fn)(FILE *, const char *), const char *arg)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    fn(f, arg);
    fclose(f);
    return buf;
}

static void expect(void (*fn)(FILE *, const char *), const char *arg, const char *want)
{
    char *s = capture(fn, arg);
    assert_string_equal(s, want);
    free(s);
}

static char *dot(const char *arg, size_t max)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ms_dot_text(f, arg, max);
    fclose(f);
    return buf;
}

static void expect_dot(const char *arg, size_t max, const char *want)
{
    char *s = dot(arg, max);
    assert_string_equal(s, want);
    free(s);
}

static void test_json(void **state)
{
    (void)state;
    expect(ms_json_quote, "", "\"\"");
    expect(ms_json_quote, "q\"b\\\x01\n\xc3\xa9", "\"q\\\"b\\\\\\u0001\\n\xc3\xa9\"");
    expect(ms_json_quote, "\b\f\r\t\x1f\x7f/", "\"\\b\\f\\r\\t\\u001f\x7f/\"");
}

static void test_html(void **state)
{
    (void)state;
    expect(ms_html_text, "<a href=\"x\">&</a>", "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(ms_html_text, "a\tb\nc\x01\x1f" "d'\xc3\xa9", "a\tb\ncd'\xc3\xa9");
    expect(ms_html_script, "{\"s\": \"</script><b>\"}", "{\"s\": \"<\\/script><b>\"}");
    expect(ms_html_script, "a<b/c>", "a<b/c>");
}

static void test_tsv_and_text(void **state)
{
    (void)state;
    expect(ms_tsv_str, "a\tb\nc\\d\re", "a\\tb\\nc\\\\d\\re");
    expect(ms_tsv_str, "\x01\x7f\"", "\x01\x7f\"");
    expect(ms_text_str, "a\tb\nc\rd\x01\x7f\\", "a\\tb\\nc\\rd\\x01\\x7f\\");
    assert_int_equal(ms_text_width("a\tb\x01\xc3\xa9"), 1 + 2 + 1 + 4 + 1);
}

static void test_dot(void **state)
{
    (void)state;
    expect_dot("plain", 10, "plain");
    expect_dot("abcde", 5, "abcde");                        /* fits: no mark */
    expect_dot("abcdefghij", 5, "abcde" MS_CUT_MARK);       /* cut after 5 */
    expect_dot("a\"b\\c", 10, "a\\\"b\\\\c");
    expect_dot("a\nb\tc\rd\x7f", 10, "a\\\\nb\\\\tc\\\\x0dd\\\\x7f");
    /* A character of several bytes is one; each byte breaking the rule is
     * one, shown as \xNN: a surrogate, an overlong form, a stray byte. */
    expect_dot("\xc3\xa9\xe2\x80\xa6x", 2, "\xc3\xa9\xe2\x80\xa6" MS_CUT_MARK);
    expect_dot("\xed\xa0\x80", 10, "\\\\xed\\\\xa0\\\\x80");
    expect_dot("\xc0\x80z", 2, "\\\\xc0\\\\x80" MS_CUT_MARK);
    expect_dot("\xff\xc3", 10, "\\\\xff\\\\xc3");
    expect_dot("", 0, "");
    expect_dot("x", 0, MS_CUT_MARK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_tsv_and_text),
        cmocka_unit_test(test_dot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
