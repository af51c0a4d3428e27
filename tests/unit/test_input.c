/* test_input.c — gzip input (ms_input_gunzip in src/formats/input.c, and
 * ms_load_input, which decompresses before choosing a reader).
 *
 * Test plan: data compressed here with zlib, in one member or several,
 * comes back byte for byte, whatever the buffer's first size (the last
 * member's ISIZE: exact, too small, or past 64 MiB steps); zero padding
 * after the last member is ignored and anything else there fails; every
 * prefix of a member fails with MS_ERR_INPUT and "NAME: gzip: ", and
 * every one-bit change either fails so or gives the same data; a dump in gzip loads to the same graph
 * as the dump itself, and an error in it is located in the decompressed
 * text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/heap.h"
#include "memscope/input.h"
#include "memscope/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A growing byte buffer. */
typedef struct bytes {
    unsigned char *p;
    size_t n;
} bytes;

static void append(bytes *b, const void *p, size_t n)
{
    b->p = realloc(b->p, b->n + n + 1);
    assert_non_null(b->p);
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

/* One gzip member holding data[0, n), appended to out. */
static void gzip_member(bytes *out, const unsigned char *data, size_t n)
{
    z_stream z = { 0 };
    assert_int_equal(deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t cap = deflateBound(&z, (uLong)n);
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)n;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    append(out, buf, cap - z.avail_out);
    deflateEnd(&z);
    free(buf);
}

/* n bytes of text that compresses, but not to nothing. */
static unsigned char *sample(size_t n)
{
    unsigned char *p = malloc(n ? n : 1);
    assert_non_null(p);
    uint32_t x = 12345;
    for (size_t k = 0; k < n; k++) {
        x = x * 1103515245u + 12345u;
        p[k] = (unsigned char)(k % 61 == 60 ? '\n' : 'a' + (x >> 16) % 8);
    }
    return p;
}

static ms_status gunzip(const bytes *gz, ms_input *out, ms_error *err)
{
    ms_input in = { .name = "t.gz", .data = gz->p, .size = gz->n };
    return ms_input_gunzip(&in, out, NULL, NULL, err);
}

/* gz decompresses to data[0, n). */
static void round_trip(const bytes *gz, const unsigned char *data, size_t n)
{
    ms_input out;
    ms_error err = { 0 };
    ms_status st = gunzip(gz, &out, &err);
    if (st != MS_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(out.size, n);
    assert_true(memcmp(out.data, data, n) == 0);
    assert_string_equal(out.name, "t.gz");
    ms_input_close(&out);
}

/* gz fails as bad input, with a message in the gzip form; or, with
 * same_ok, decompresses to data[0, n). */
static void fails_or_same(const bytes *gz, const char *cause, bool same_ok,
                          const unsigned char *data, size_t n)
{
    ms_input out;
    ms_error err = { 0 };
    ms_status st = gunzip(gz, &out, &err);
    if (same_ok && st == MS_OK) {
        assert_int_equal(out.size, n);
        assert_true(memcmp(out.data, data, n) == 0);
        ms_input_close(&out);
        return;
    }
    assert_int_equal(st, MS_ERR_INPUT);
    assert_int_equal(strncmp(err.msg, "t.gz: gzip: ", 12), 0);
    if (cause && !strstr(err.msg, cause))
        fail_msg("%s: expected %s", err.msg, cause);
}

static void fails(const bytes *gz, const char *cause)
{
    fails_or_same(gz, cause, false, NULL, 0);
}

static void test_members(void **state)
{
    (void)state;
    /* Sizes around the 64 KiB first buffer, and one member past the
     * 64 MiB step of output per call to inflate. */
    static const size_t sizes[] = { 0, 1, 1000, 65535, 65536, 65537, 300000, (64u << 20) + 7 };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        size_t n = sizes[i];
        unsigned char *data = sample(n);
        bytes one = { 0 };
        gzip_member(&one, data, n);
        round_trip(&one, data, n);
        free(one.p);
        if (n > (1u << 20)) {
            free(data);
            continue;
        }
        /* Three members: the last one's ISIZE is a third of the whole. */
        bytes three = { 0 };
        gzip_member(&three, data, n / 3);
        gzip_member(&three, data + n / 3, n / 3);
        gzip_member(&three, data + 2 * (n / 3), n - 2 * (n / 3));
        round_trip(&three, data, n);
        free(three.p);
        free(data);
    }
}

/* An ISIZE that lies (the CRC still checks the data) fails, whether it
 * claims more or less than the data. */
static void test_lying_size(void **state)
{
    (void)state;
    unsigned char *data = sample(100000);
    bytes gz = { 0 };
    gzip_member(&gz, data, 100000);
    unsigned char *isize = gz.p + gz.n - 4;
    isize[3] = 0xff;
    fails(&gz, "length mismatch");
    memset(isize, 0, 4);
    fails(&gz, "length mismatch");
    free(gz.p);
    free(data);
}

static void test_after_last_member(void **state)
{
    (void)state;
    unsigned char *data = sample(5000);
    bytes gz = { 0 };
    gzip_member(&gz, data, 5000);
    static const unsigned char zeros[512];
    append(&gz, zeros, sizeof zeros);
    round_trip(&gz, data, 5000);
    append(&gz, "x", 1);
    fails(&gz, "trailing garbage at compressed byte");
    gz.n -= 513;
    append(&gz, "\x1f", 1);
    fails(&gz, "trailing garbage");
    gz.n -= 1;
    append(&gz, "\x1f\x8b", 2);
    fails(&gz, "unexpected end of data");
    free(gz.p);
    free(data);
}

static void test_prefixes(void **state)
{
    (void)state;
    unsigned char *data = sample(20000);
    bytes gz = { 0 };
    gzip_member(&gz, data, 20000);
    size_t whole = gz.n;
    for (size_t n = 2; n < whole; n++) {
        gz.n = n;
        fails(&gz, "unexpected end of data");
    }
    free(gz.p);
    free(data);
}

/* Every byte changed in turn: bad input, or the same data (MTIME, XFL,
 * OS and the FTEXT flag are not checked, nor are the padding bits of the
 * last byte of deflate data), never other data. */
static void test_flips(void **state)
{
    (void)state;
    unsigned char *data = sample(3000);
    bytes gz = { 0 };
    gzip_member(&gz, data, 3000);
    for (size_t k = 2; k < gz.n; k++) {
        for (int bit = 0; bit < 8; bit += 3) {
            gz.p[k] ^= (unsigned char)(1u << bit);
            fails_or_same(&gz, NULL, true, data, 3000);
            gz.p[k] ^= (unsigned char)(1u << bit);
        }
    }
    free(gz.p);
    free(data);
}

static void test_load(void **state)
{
    (void)state;
    static const char dump[] =
        "{\"memscope\": 1, \"roots\": [1]}\n"
        "{\"id\": 1, \"type\": \"dict\", \"size\": 232, \"refs\": [2, 3]}\n"
        "{\"id\": 2, \"type\": \"list\", \"size\": 88, \"refs\": [3]}\n"
        "{\"id\": 3, \"type\": \"str\", \"size\": 55}\n";
    ms_input plain = { .name = "d", .data = (const unsigned char *)dump,
                       .size = sizeof dump - 1 };
    bytes gz = { 0 };
    gzip_member(&gz, plain.data, plain.size);
    ms_input in = { .name = "d", .data = gz.p, .size = gz.n };
    ms_heap *a, *b;
    ms_error err = { 0 };
    assert_int_equal(ms_load_input(&plain, NULL, &a, &err), MS_OK);
    assert_int_equal(ms_load_input(&in, NULL, &b, &err), MS_OK);
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->m, b->m);
    assert_int_equal(a->total_size, b->total_size);
    assert_memory_equal(a->id, b->id, a->n * sizeof *a->id);
    assert_memory_equal(a->edge_to, b->edge_to, a->m * sizeof *a->edge_to);
    ms_heap_free(a);
    ms_heap_free(b);
    free(gz.p);
    /* A bad size on line 3 is located in the decompressed text. */
    static const char bad[] = "{\"memscope\": 1}\n{\"id\": 1, \"type\": \"a\", \"size\": 1}\n"
                              "{\"id\": 2, \"type\": \"a\", \"size\": -1}\n";
    gz = (bytes){ 0 };
    gzip_member(&gz, (const unsigned char *)bad, sizeof bad - 1);
    in = (ms_input){ .name = "d.gz", .data = gz.p, .size = gz.n };
    assert_int_equal(ms_load_input(&in, NULL, &b, &err), MS_ERR_INPUT);
    assert_null(b);
    assert_string_equal(err.msg, "d.gz:3:32: size: negative value -1");
    free(gz.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_lying_size),
        cmocka_unit_test(test_after_last_member),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_flips),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
