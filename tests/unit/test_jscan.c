/* test_jscan.c — the JSON scanner: strings, exact 64-bit integers, skipping,
 * and the exact error text for each malformed token. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "formats/jscan.h"
#include "memscope/input.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A scan's input: text, named "t" in messages. */
static ms_input input_of(const char *text, size_t n)
{
    return (ms_input){ .name = "t", .data = (const unsigned char *)text, .size = n };
}

/* The message of a failed scan without its "t:LINE:COL: " (checked to be
 * line 1, column col when col > 0), copied into out; "" if it did not
 * fail. */
static void message(const jscan *s, const ms_error *e, int col, char *out)
{
    if (!s->failed) {
        out[0] = '\0';
        return;
    }
    assert_int_equal(e->status, MS_ERR_INPUT);
    unsigned line, c;
    int skip = 0;
    assert_int_equal(sscanf(e->msg, "t:%u:%u: %n", &line, &c, &skip), 2);
    assert_true(skip > 0);
    assert_int_equal(line, 1);
    if (col > 0)
        assert_int_equal(c, col);
    strcpy(out, e->msg + skip);
}

/* Scans text with js_u64 and with the inline js_u64_fast: both must give
 * the same result, position and message. */
static int scan_u64(const char *text, uint64_t *v, char *err)
{
    ms_input in = input_of(text, strlen(text));
    ms_error se, fe;
    jscan s, f;
    js_init(&s, &in, &se);
    js_init(&f, &in, &fe);
    uint64_t fv = 0;
    int rc = js_u64(&s, v, "x");
    int frc = js_u64_fast(&f, &fv, "x");
    assert_int_equal(rc, frc);
    assert_int_equal(s.failed, f.failed);
    if (rc == 0) {
        assert_true(*v == fv);
        assert_ptr_equal(s.p, f.p);
    } else {
        assert_string_equal(se.msg, fe.msg);
    }
    message(&s, &se, 1, err);
    js_free(&s);
    js_free(&f);
    return rc;
}

static void test_u64_exact(void **state)
{
    (void)state;
    uint64_t v;
    char err[256];
    assert_int_equal(scan_u64("0", &v, err), 0);
    assert_true(v == 0);
    assert_int_equal(scan_u64("9007199254740993,", &v, err), 0); /* 2^53 + 1 */
    assert_true(v == UINT64_C(9007199254740993));
    assert_int_equal(scan_u64("18446744073709551615]", &v, err), 0);
    assert_true(v == UINT64_MAX);
    assert_int_equal(scan_u64("18446744073709551616", &v, err), -1);
    assert_string_equal(err, "x: integer larger than 2^64-1");
    assert_int_equal(scan_u64("99999999999999999999", &v, err), -1);
    assert_string_equal(err, "x: integer larger than 2^64-1");
    assert_int_equal(scan_u64("-5", &v, err), -1);
    assert_string_equal(err, "x: negative value -5");
    assert_int_equal(scan_u64("1.5", &v, err), -1);
    assert_string_equal(err, "x: 1.5 is not an integer");
    assert_int_equal(scan_u64("1e3", &v, err), -1);
    assert_string_equal(err, "x: 1e3 is not an integer");
    assert_int_equal(scan_u64("012", &v, err), -1);
    assert_string_equal(err, "x: invalid number (leading zero)");
    assert_int_equal(scan_u64("\"7\"", &v, err), -1);
    assert_string_equal(err, "x: expected a non-negative integer, found '\"'");
    assert_int_equal(scan_u64("18446744073709551616, \"type\": \"x\"}", &v, err), -1);
    assert_string_equal(err, "x: integer larger than 2^64-1");
    assert_int_equal(scan_u64("123456789012345678901, \"type\": \"x\"}", &v, err), -1);
    assert_string_equal(err, "x: integer larger than 2^64-1");
    assert_int_equal(scan_u64("1234567890123456789, \"type\": \"x\"}", &v, err), 0);
    assert_true(v == UINT64_C(1234567890123456789));
    assert_int_equal(scan_u64("0123456789012345678, \"t\"", &v, err), -1);
    assert_string_equal(err, "x: invalid number (leading zero)");
    assert_int_equal(scan_u64("12345abc, \"type\": \"x\"}", &v, err), -1);
    assert_string_equal(err, "x: expected a non-negative integer, found '1'");
    assert_int_equal(scan_u64("12x", &v, err), -1);
    assert_string_equal(err, "x: expected a non-negative integer, found '1'");
}

/* Every length from 1 to 20 digits, and random values, against strtoull:
 * the 8-digits-at-a-time path must agree with the plain one. */
static void test_u64_random(void **state)
{
    (void)state;
    char buf[96], err[256];
    uint64_t r = 12345;
    /* Suffixes: none (end of input), short, and long enough that the
     * 16-byte SWAR path runs for every length. */
    static const char *suffix[] = { "", ",", "]", ", \"names\": [\"padding\"]}", " }\n{\"id\": 1" };
    for (int i = 0; i < 300000; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        uint64_t x = r >> (r % 64);
        snprintf(buf, sizeof buf, "%" PRIu64 "%s", x, suffix[i % 5]);
        uint64_t v;
        assert_int_equal(scan_u64(buf, &v, err), 0);
        assert_true(v == x);
    }
    for (int len = 1; len <= 21; len++) {
        memset(buf, '9', (size_t)len);
        strcpy(buf + len, len % 2 ? "" : ", \"more\": \"text after it\"");
        uint64_t v;
        int rc = scan_u64(buf, &v, err);
        if (len <= 19) {
            buf[len] = '\0';
            assert_int_equal(rc, 0);
            assert_true(v == strtoull(buf, NULL, 10));
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

/* Scans text with js_string and with the inline js_string_fast: both must
 * give the same string, position and message. */
static int scan_str(const char *text, size_t n, char *out, char *err)
{
    ms_input in = input_of(text, n);
    ms_error se, fe;
    jscan s, f;
    js_init(&s, &in, &se);
    js_init(&f, &in, &fe);
    const char *str, *fstr;
    size_t len, flen;
    int rc = js_string(&s, &str, &len);
    if (rc == 0) {
        memcpy(out, str, len);
        out[len] = '\0';
    }
    int frc = js_string_fast(&f, &fstr, &flen);
    assert_int_equal(rc, frc);
    assert_int_equal(s.failed, f.failed);
    if (rc == 0) {
        assert_int_equal(len, flen);
        assert_memory_equal(out, fstr, len);
        assert_ptr_equal(s.p, f.p);
    } else {
        assert_string_equal(se.msg, fe.msg);
    }
    message(&s, &se, 0, err);
    js_free(&s);
    js_free(&f);
    return rc;
}

static void test_strings(void **state)
{
    (void)state;
    char out[256], err[256];
#define OK(lit, want) do { assert_int_equal(scan_str(lit, sizeof(lit) - 1, out, err), 0); \
                           assert_string_equal(out, want); } while (0)
#define BAD(lit, msg) do { assert_int_equal(scan_str(lit, sizeof(lit) - 1, out, err), -1); \
                           assert_string_equal(err, msg); } while (0)
    OK("\"plain\"", "plain");
    OK("\"\"", "");
    OK("\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"", "a\"b\\c/d\n\t\r\b\f");
    OK("\"\\u00e9\"", "\xc3\xa9");
    OK("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");     /* surrogate pair */
    OK("\"\\ud800x\"", "\xef\xbf\xbdx");              /* lone high surrogate */
    OK("\"\\udc00\"", "\xef\xbf\xbd");                /* lone low surrogate */
    OK("\"a\\u0000b\"", "a\xe2\x90\x80" "b");         /* NUL becomes U+2400 */
    OK("\"h\xc3\xa9llo \xf0\x9f\x98\x80\"", "h\xc3\xa9llo \xf0\x9f\x98\x80");
    BAD("\"abc", "unterminated string");
    BAD("\"ab\\", "unterminated string");
    BAD("\"\\x41\"", "invalid escape '\\' followed by 'x'");
    BAD("\"\\u12g4\"", "invalid \\u escape");
    BAD("\"\\u12\"", "truncated \\u escape");
    BAD("\"\\u12\" , ", "invalid \\u escape");
    BAD("\"a\x01\"", "control character 0x01 in string");
    BAD("\"a\nb\"", "control character 0x0a in string");
    BAD("\"a\0b\"", "NUL byte in string");
    BAD("\"\xff\"", "invalid UTF-8 byte 0xff in string");
    BAD("\"\xc3\"", "invalid UTF-8 byte 0xc3 in string");
    BAD("\"\xc0\xaf\"", "invalid UTF-8 byte 0xc0 in string");       /* overlong */
    BAD("\"\xed\xa0\x80\"", "invalid UTF-8 byte 0xed in string");   /* encoded surrogate */
    BAD("\"\xf4\x90\x80\x80\"", "invalid UTF-8 byte 0xf4 in string"); /* above U+10FFFF */
    BAD("abc", "expected a string, found 'a'");
#undef OK
#undef BAD
}

static int skip_value(const char *text, char *err, size_t *consumed)
{
    ms_input in = input_of(text, strlen(text));
    ms_error e;
    jscan s;
    js_init(&s, &in, &e);
    int rc = js_skip(&s, NULL, NULL);
    message(&s, &e, 0, err);
    *consumed = (size_t)(s.p - s.base);
    js_free(&s);
    return rc;
}

static void test_skip(void **state)
{
    (void)state;
    char err[256];
    size_t n;
    assert_int_equal(skip_value("{\"a\": [1, 2.5e-3, -0, \"x\", true, false, null, {}], \"b\": {}} tail", err, &n), 0);
    assert_int_equal(n, strlen("{\"a\": [1, 2.5e-3, -0, \"x\", true, false, null, {}], \"b\": {}}"));
    assert_int_equal(skip_value("[1, 2", err, &n), -1);
    assert_string_equal(err, "expected ',' or ']', found end of input");
    assert_int_equal(skip_value("{\"a\" 1}", err, &n), -1);
    assert_string_equal(err, "expected ':', found '1'");
    assert_int_equal(skip_value("[1,]", err, &n), -1);
    assert_string_equal(err, "expected a value, found ']'");
    assert_int_equal(skip_value("[01]", err, &n), -1);
    assert_string_equal(err, "invalid number");
    assert_int_equal(skip_value("tru", err, &n), -1);
    assert_string_equal(err, "expected a value, found 't'");
    char deep[200];
    memset(deep, '[', 65);
    deep[65] = '\0';
    assert_int_equal(skip_value(deep, err, &n), -1);
    assert_string_equal(err, "nesting deeper than 64 levels");
    memset(deep, '[', 64);
    memset(deep + 64, ']', 64);
    deep[128] = '\0';
    assert_int_equal(skip_value(deep, err, &n), 0);
}

static bool plain_key_byte(int c)
{
    return (c >= 'a' && c <= 'z') || c == '_';
}

static bool hex_byte(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A SWAR byte classifier (high bit of each byte set where the byte is not
 * in the class) against the plain test of the class, for every pair of
 * adjacent bytes at every position among bytes of the class (fill): a
 * carry between bytes would show. */
static void check_classifier(const char *name, uint64_t (*mask)(uint64_t), bool (*in)(int),
                             unsigned char fill)
{
    unsigned char buf[8];
    for (int p = 0; p < 7; p++)
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++) {
                memset(buf, fill, 8);
                buf[p] = (unsigned char)a;
                buf[p + 1] = (unsigned char)b;
                uint64_t m = mask(load8(buf));
                for (int k = 0; k < 8; k++)
                    if ((int)(m >> (8 * k + 7) & 1) != !in(buf[k]))
                        fail_msg("%s: bytes %d, %d at %d: byte %d wrong", name, a, b, p, k);
            }
}

/* nonlower against the plain test, and lower_end on runs of every length
 * ending in every byte. */
static void test_nonlower(void **state)
{
    (void)state;
    unsigned char buf[24];
    check_classifier("nonlower", nonlower, plain_key_byte, 'm');
    for (int len = 0; len < 20; len++)
        for (int c = 0; c < 256; c++) {
            memset(buf, '_', sizeof buf);
            buf[len] = (unsigned char)c;
            const unsigned char *end = lower_end(buf, buf + sizeof buf);
            size_t want = plain_key_byte(c) ? sizeof buf : (size_t)len;
            assert_int_equal(end - buf, want);
        }
}

/* nonhex against the plain test; hex8 against strtoull on random digit
 * strings of every length from 1 to 8, shifted to the top as ruby.c does. */
static void test_hex(void **state)
{
    (void)state;
    unsigned char buf[16];
    check_classifier("nonhex", nonhex, hex_byte, 'c');
    static const char digits[] = "0123456789abcdefABCDEF";
    srand(21);
    for (int t = 0; t < 200000; t++) {
        unsigned k = 1 + (unsigned)t % 8;
        char text[9];
        for (unsigned i = 0; i < k; i++)
            text[i] = digits[rand() % 22];
        text[k] = '\0';
        memset(buf, '"', 8);
        memcpy(buf, text, k);
        uint64_t w = load8(buf);
        assert_int_equal(nonhex(w) ? __builtin_ctzll(nonhex(w)) / 8 : 8, k == 8 ? 8 : k);
        uint64_t got = hex8(k == 8 ? w : w << 8 * (8 - k));
        if (got != strtoull(text, NULL, 16))
            fail_msg("hex8(%s) = %llx", text, (unsigned long long)got);
    }
}

/* The error channel: the first failure is told, with its line and column,
 * in the caller's ms_error; js_unfail lets a better message replace it;
 * another layer's error keeps its status; a part's failure is adopted;
 * a scanner without an ms_error only fails. */
static void test_errors(void **state)
{
    (void)state;
    const char *text = "[1,\n  2, x]";
    ms_input in = input_of(text, strlen(text));
    ms_error e;
    jscan s;
    js_init(&s, &in, &e);
    assert_int_equal(js_skip(&s, NULL, NULL), -1);
    assert_true(s.failed);
    assert_int_equal(e.status, MS_ERR_INPUT);
    assert_string_equal(e.msg, "t:2:6: expected a value, found 'x'");
    assert_int_equal(e.node[0], UINT32_MAX);
    assert_int_equal(js_fail(&s, in.data, "later"), -1); /* the first is kept */
    assert_string_equal(e.msg, "t:2:6: expected a value, found 'x'");
    js_unfail(&s);
    assert_int_equal(js_fail(&s, in.data + 1, "better"), -1);
    assert_string_equal(e.msg, "t:1:2: better");
    assert_int_equal(js_status(&s), MS_ERR_INPUT);
    js_free(&s);

    ms_error limit;
    ms_error_set(&limit, MS_ERR_LIMIT, "more than %d objects", 7);
    js_init(&s, &in, &e);
    assert_int_equal(js_fail_error(&s, in.data + 4, &limit), -1);
    assert_string_equal(e.msg, "t:2:1: more than 7 objects");
    assert_int_equal(js_status(&s), MS_ERR_LIMIT);
    js_free(&s);

    ms_error pe;
    jscan part;
    js_init(&s, &in, &e);
    js_init(&part, &in, &pe);
    js_adopt(&s, &part); /* nothing to adopt */
    assert_false(s.failed);
    js_fail(&part, in.data + 6, "in a part");
    js_adopt(&s, &part);
    assert_true(s.failed);
    assert_string_equal(e.msg, "t:2:3: in a part");
    js_free(&s);
    js_free(&part);

    js_init(&s, &in, &e);
    assert_int_equal(js_status(&s), MS_ERR_INPUT); /* failed without a word */
    assert_string_equal(e.msg, "t:1:1: ");
    js_free(&s);

    js_init(&s, &in, NULL);
    assert_int_equal(js_skip(&s, NULL, NULL), -1);
    assert_true(s.failed);
    assert_int_equal(js_status(&s), MS_ERR_INPUT);
    js_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u64_exact),
        cmocka_unit_test(test_u64_random),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_nonlower),
        cmocka_unit_test(test_hex),
    };
    return cmocka_run_group_tests_name("jscan", tests, NULL, NULL);
}
