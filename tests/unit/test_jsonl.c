/* test_jsonl.c — the JSON Lines driver (src/formats/jsonl.c) through the
 * native and Ruby readers: a file past the two-thread threshold is read
 * on two threads and gives the same graph as with one; a failure in
 * either part, or a record spread over lines at the split, gives what one
 * thread gives (same message, same position); duplicate ids are located
 * by the k-th record walker. Test plan: each case loads one generated
 * file (about 10 MiB) with threads allowed and with MEMSCOPE_THREADS=1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "memscope/heap.h"
#include "memscope/reader.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORDS 120000 /* about 10 MiB of either format */

/* A growing text buffer. */
typedef struct text {
    char *p;
    size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        if ((size_t)k < t->cap - t->n) {
            t->n += (size_t)k;
            return;
        }
        t->cap = t->cap ? 2 * t->cap + (size_t)k : 1 << 20;
        t->p = realloc(t->p, t->cap);
        assert_non_null(t->p);
    }
}

/* A native JSON Lines dump: a header, then records of ids 1..RECORDS each
 * referring to the next two; with bad, record `at` (0-based) has a
 * negative size. */
static text native_dump(uint32_t at, bool bad)
{
    text t = { 0 };
    put(&t, "{\"memscope\": 1, \"meta\": {\"runtime\": \"test\"}, \"roots\": [1]}\n");
    for (uint32_t i = 1; i <= RECORDS; i++)
        put(&t, "{\"id\": %" PRIu32 ", \"type\": \"T%u\", \"size\": %s, \"refs\": [%u, %u], "
                "\"rc\": %u}\n",
            i, i % 7, bad && i - 1 == at ? "-1" : "40", i % RECORDS + 1, (i + 1) % RECORDS + 1,
            i % 3);
    return t;
}

/* Spreads the record where the two-thread read splits t (at the first
 * newline after the middle of what follows the header) over two lines:
 * the first space past the middle becomes a newline (records have one
 * after each colon and comma, none in their strings). */
static void spread_middle(text *t)
{
    size_t pos = (size_t)((char *)memchr(t->p, '\n', t->n) - t->p);
    size_t q = pos + (t->n - pos) / 2;
    while (t->p[q] != ' ' && t->p[q] != '\n')
        q++;
    assert_int_equal(t->p[q], ' ');
    t->p[q] = '\n';
}

/* A Ruby dump_all: a ROOT record, two classes, then objects of either
 * class referring to the next; with dup, record `at` repeats object 5's
 * address; with bad, its address is not hex. */
static text ruby_dump(uint32_t at, bool dup, bool bad)
{
    text t = { 0 };
    put(&t, "{\"type\":\"ROOT\", \"root\":\"vm\", \"references\":[\"0x7f0000010000\"]}\n");
    put(&t, "{\"address\":\"0x7f0000001000\", \"type\":\"CLASS\", \"name\":\"Foo\", "
            "\"memsize\":400}\n");
    put(&t, "{\"address\":\"0x7f0000001040\", \"type\":\"CLASS\", \"name\":\"Bar\", "
            "\"memsize\":400}\n");
    for (uint32_t i = 0; i < RECORDS; i++) {
        uint64_t a = 0x7f0000010000u + (dup && i == at ? 5 : i) * 0x28u;
        put(&t, "{\"address\":\"0x%s%" PRIx64 "\", \"type\":\"OBJECT\", \"class\":\"0x%" PRIx64
                "\", \"references\":[\"0x%" PRIx64 "\"], \"memsize\":40}\n",
            bad && i == at ? "zz" : "", a, i % 2 ? (uint64_t)0x7f0000001000 : 0x7f0000001040,
            0x7f0000010000u + (uint64_t)((i + 1) % RECORDS) * 0x28u);
    }
    return t;
}

/* Loads t with threads allowed (two) or not: the status, and the graph or
 * the message. */
static ms_status load(const text *t, bool threads, ms_heap **h, ms_error *err, int *used)
{
    if (threads)
        unsetenv("MEMSCOPE_THREADS");
    else
        setenv("MEMSCOPE_THREADS", "1", 1);
    ms_input in = { .name = "t", .data = (const unsigned char *)t->p, .size = t->n };
    ms_load_stats stats = { 0 };
    ms_load_opts opts = { .stats = &stats };
    ms_status st = ms_load_input(&in, &opts, h, err);
    unsetenv("MEMSCOPE_THREADS");
    *used = stats.threads;
    return st;
}

/* The two graphs are the same, node by node and edge by edge. */
static void same_graph(const ms_heap *a, const ms_heap *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->m, b->m);
    assert_int_equal(a->nroots, b->nroots);
    assert_memory_equal(a->id, b->id, a->n * sizeof *a->id);
    assert_memory_equal(a->size, b->size, a->n * sizeof *a->size);
    assert_memory_equal(a->flags, b->flags, a->n);
    assert_memory_equal(a->edge_off, b->edge_off, (a->n + 1) * sizeof *a->edge_off);
    assert_memory_equal(a->edge_to, b->edge_to, a->m * sizeof *a->edge_to);
    assert_memory_equal(a->roots, b->roots, a->nroots * sizeof *a->roots);
    for (uint32_t i = 0; i < a->n; i++)
        assert_string_equal(ms_heap_type_name(a, i), ms_heap_type_name(b, i));
    assert_true((a->rc == NULL) == (b->rc == NULL));
    if (a->rc)
        assert_memory_equal(a->rc, b->rc, a->n * sizeof *a->rc);
}

/* Loads t both ways: both succeed with the same graph (two threads used
 * when split is set), or both fail with the same status and message,
 * which is returned in err. */
static ms_status both_ways(const text *t, bool split, ms_error *err)
{
    ms_heap *h2, *h1;
    ms_error e2 = { 0 }, e1 = { 0 };
    int used2, used1;
    ms_status s2 = load(t, true, &h2, &e2, &used2);
    ms_status s1 = load(t, false, &h1, &e1, &used1);
    assert_int_equal(s2, s1);
    if (s2 == MS_OK) {
        assert_int_equal(used1, 1);
        assert_int_equal(used2, split ? 2 : 1);
        same_graph(h2, h1);
        ms_heap_free(h2);
        ms_heap_free(h1);
    } else {
        assert_string_equal(e2.msg, e1.msg);
        *err = e1;
    }
    return s2;
}

static void test_native(void **state)
{
    (void)state;
    ms_error err;
    text t = native_dump(UINT32_MAX, false);
    assert_true(t.n > (8u << 20));
    assert_int_equal(both_ways(&t, true, &err), MS_OK);
    /* A record spread over lines at the middle: the split falls inside it,
     * the two-thread read fails, and one thread reads the file. */
    spread_middle(&t);
    assert_int_equal(both_ways(&t, false, &err), MS_OK);
    free(t.p);
}

static void test_native_errors(void **state)
{
    (void)state;
    ms_error err;
    char want[64];
    uint32_t at[] = { 10, RECORDS - 10 }; /* in the first part, in the second */
    for (int i = 0; i < 2; i++) {
        text t = native_dump(at[i], true);
        assert_int_equal(both_ways(&t, true, &err), MS_ERR_INPUT);
        snprintf(want, sizeof want, "t:%" PRIu32 ":", at[i] + 2);
        assert_memory_equal(err.msg, want, strlen(want));
        assert_non_null(strstr(err.msg, ": size: negative value -1"));
        free(t.p);
    }
}

static void test_ruby(void **state)
{
    (void)state;
    ms_error err;
    text t = ruby_dump(UINT32_MAX, false, false);
    assert_true(t.n > (8u << 20));
    assert_int_equal(both_ways(&t, true, &err), MS_OK);
    free(t.p);
    uint32_t at = RECORDS - 100;
    t = ruby_dump(at, false, true);
    assert_int_equal(both_ways(&t, true, &err), MS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "is not a hex address"));
    free(t.p);
    /* A duplicate found after the read: the walker skips the ROOT record. */
    t = ruby_dump(at, true, false);
    assert_int_equal(both_ways(&t, true, &err), MS_ERR_INPUT);
    char want[80];
    snprintf(want, sizeof want, "t:%" PRIu32 ":1: duplicate id (first used at line 9)", at + 4);
    assert_string_equal(err.msg, want);
    free(t.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native),
        cmocka_unit_test(test_native_errors),
        cmocka_unit_test(test_ruby),
    };
    return cmocka_run_group_tests_name("jsonl", tests, NULL, NULL);
}
