/* jscan.h — a strict, allocation-free JSON scanner for the readers.
 *
 * Pulls JSON tokens from a byte buffer without building a tree: strings
 * (decoded, UTF-8 checked), unsigned 64-bit integers read exactly from the
 * text (cJSON goes through double and loses integers above 2^53), and
 * skipping any value with a nesting limit. All functions return 0 on
 * success and -1 on error, having told the error (js_fail): the scanner
 * fills the reader's ms_error itself, "FILE:LINE:COL: what is wrong", for
 * the first failure of a scan. It is shared by the readers (native, Ruby,
 * V8). */
#ifndef MEMSCOPE_JSCAN_H
#define MEMSCOPE_JSCAN_H

#include "memscope/common.h"
#include "memscope/input.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define JS_MAX_DEPTH 64

typedef struct jscan {
    const unsigned char *base, *p, *end; /* base: in->data */
    char *sbuf;          /* scratch for strings with escapes; owned */
    size_t scap;
    const ms_input *in;  /* the input scanned: names and locates failures */
    ms_error *err;       /* where failures are told; NULL: nowhere */
    bool failed;         /* a failure has been told since js_init */
} jscan;

/* Scans in's bytes from the start (a reader may then move p, and end
 * within them). The first failure is told in err (NULL: nowhere):
 * MS_ERR_INPUT and "FILE:LINE:COL: what" (what cut at 255 bytes); later
 * ones keep it, as the innermost cause comes first. err is the caller's
 * and is written only on failure. */
void js_init(jscan *s, const ms_input *in, ms_error *err);
void js_free(jscan *s);
/* Tells the failure what (printf-style) found at byte at; returns -1. */
int js_fail(jscan *s, const unsigned char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Tells, as found at byte at, a failure another layer described in e (the
 * builder's "more than N objects"): its status, its message after the
 * position. Returns -1. */
int js_fail_error(jscan *s, const unsigned char *at, const ms_error *e);
/* Forgets the failure told, for a caller about to tell a better one: the
 * next js_fail is told in its place. */
static inline void js_unfail(jscan *s)
{
    s->failed = false;
}
/* Takes the failure another scanner of the same input told (one share of
 * a scan done in parts), unless this one has failed already. */
void js_adopt(jscan *s, const jscan *part);
/* The status of the failure told, for a reader to return once a scan has
 * failed (-1): MS_ERR_INPUT, or the status js_fail_error was given. A scan
 * that returned -1 without telling why is told as failing at its start. */
ms_status js_status(jscan *s);

static inline void js_ws(jscan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}
/* Skips white space and returns the next byte, or -1 at the end. */
static inline int js_peek(jscan *s)
{
    js_ws(s);
    return s->p < s->end ? *s->p : -1;
}
/* Names the byte at p for messages: "'x'", "byte 0xff", "NUL byte" or
 * "end of input"; buf (16 bytes suffice) may hold the text. */
const char *js_describe(const jscan *s, const unsigned char *p, char *buf, size_t n);
/* Skips white space and consumes byte c, or fails naming what. The usual
 * case (c right there) is inline. */
int js_expect_slow(jscan *s, char c, const char *what);
static inline int js_expect(jscan *s, char c, const char *what)
{
    if (s->p < s->end && *s->p == (unsigned char)c) {
        s->p++;
        return 0;
    }
    return js_expect_slow(s, c, what);
}
/* After an element of an array or object: consumes ',' and returns 1 (more
 * follow), or consumes close and returns 0 (done), or fails saying it
 * expected "',' or ']'" (or '}') plus `after` (e.g. " after a record"). */
int js_next_slow(jscan *s, char close, const char *after);
static inline int js_next(jscan *s, char close, const char *after)
{
    if (s->p < s->end) {
        if (*s->p == ',') {
            s->p++;
            return 1;
        }
        if (*s->p == (unsigned char)close) {
            s->p++;
            return 0;
        }
    }
    return js_next_slow(s, close, after);
}
/* After consuming '[' or '{': returns 0 if close follows (and consumes it:
 * the container is empty), else 1. */
static inline int js_empty(jscan *s, char close)
{
    js_ws(s);
    if (s->p < s->end && *s->p == (unsigned char)close) {
        s->p++;
        return 0;
    }
    return 1;
}

/* Reads a string at p (which must be '"'). *out points into the input when
 * the string has no escapes, else into the scratch buffer (valid until the
 * next js_string). Invalid UTF-8, raw control characters and bad escapes
 * are errors; \u0000 becomes U+2400 and lone surrogates U+FFFD. */
int js_string(jscan *s, const char **out, size_t *len);
/* Reads a non-negative integer that fits in 64 bits; what names the field
 * in messages ("size: negative value"). */
int js_u64(jscan *s, uint64_t *v, const char *what);
/* True for the bytes that may end a number or literal. */
int js_is_delim(int c);

/* SWAR helpers (8 bytes at a time, little-endian loads). */
static inline uint64_t load8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* High bit of each byte of the result is set where v's byte is not an
 * ASCII digit. No carries cross bytes: each sum stays below 0x100. */
static inline uint64_t nondigits(uint64_t v)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
    uint64_t t = (v & low7) + 0x4646464646464646ULL;  /* >= 0x80 iff low7 >= 0x3a */
    uint64_t u = (v & low7) + 0x5050505050505050ULL;  /* >= 0x80 iff low7 >= 0x30 */
    return (t | ~u | v) & 0x8080808080808080ULL;
}

/* High bit of each byte of the result is set where v's byte is not a
 * lowercase ASCII letter or '_' (the bytes of plain keys). The adds see
 * 7-bit bytes, so no carry crosses a byte; bytes >= 0x80 are excluded. */
static inline uint64_t nonlower(uint64_t v)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, high = 0x8080808080808080ULL;
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t y = v & low7;
    uint64_t ge_a = y + ones * (0x80 - 'a');     /* high bit: byte >= 'a' */
    uint64_t gt_z = y + ones * (0x80 - 'z' - 1); /* high bit: byte > 'z' */
    uint64_t u = y ^ (ones * '_');
    uint64_t not_under = (u + low7) | u;         /* high bit: byte != '_' */
    uint64_t lower = ge_a & ~gt_z;
    return ~((lower | ~not_under) & ~v) & high;
}

/* The first byte at or after p that is not a lowercase letter or '_'. */
static inline const unsigned char *lower_end(const unsigned char *p, const unsigned char *end)
{
    for (; end - p >= 8; p += 8) {
        uint64_t nl = nonlower(load8(p));
        if (nl)
            return p + __builtin_ctzll(nl) / 8;
    }
    while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_'))
        p++;
    return p;
}

/* High bit of each byte of the result is set where v's byte is not an
 * ASCII hex digit (0-9, a-f, A-F). OR-ing 0x20 folds A-F onto a-f and
 * maps no other byte there. */
static inline uint64_t nonhex(uint64_t v)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, high = 0x8080808080808080ULL;
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t y = v & low7, f = y | ones * 0x20;
    uint64_t digit = (y + ones * (0x80 - '0')) & ~(y + ones * (0x80 - '9' - 1));
    uint64_t letter = (f + ones * (0x80 - 'a')) & ~(f + ones * (0x80 - 'f' - 1));
    return ~((digit | letter) & ~v) & high;
}

/* Value of 8 hex digits (first digit most significant; nonhex(v) == 0).
 * Zero bytes count as leading zeros, so k < 8 digits shifted to the top
 * (v << 8 * (8 - k)) read as well. */
static inline uint64_t hex8(uint64_t v)
{
    uint64_t x = (v & 0x0f0f0f0f0f0f0f0fULL) + ((v >> 6) & 0x0101010101010101ULL) * 9;
    x = ((x & 0x00ff00ff00ff00ffULL) << 4) | ((x >> 8) & 0x00ff00ff00ff00ffULL);
    x = ((x & 0x0000ffff0000ffffULL) << 8) | ((x >> 16) & 0x0000ffff0000ffffULL);
    return ((x & 0xffffffffULL) << 16) | (x >> 32);
}

/* Value of 8 ASCII digits (first digit most significant). */
static inline uint64_t parse8(uint64_t v)
{
    uint64_t x = v - 0x3030303030303030ULL;
    x = (x * 10) + (x >> 8);
    return (((x & 0x000000ff000000ffULL) * (100 + (1000000ULL << 32))) +
            (((x >> 16) & 0x000000ff000000ffULL) * (1 + (10000ULL << 32)))) >> 32;
}

/* Value of the first k (1..8, never 0) digits at p, read with one 8-byte
 * load: the digits are shifted to the top and the bottom filled with '0'. */
static inline uint64_t parse_k(const unsigned char *p, unsigned k)
{
    if (k == 8)
        return parse8(load8(p));
    uint64_t v = load8(p) << (8 * (8 - k));
    return parse8(v | (0x3030303030303030ULL >> (8 * k)));
}

static inline int js_delim_fast(int c)
{
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* js_u64 for the common case, inline: a number of 1 to 16 digits with at
 * least 16 readable bytes from its start. Anything else goes to js_u64,
 * which also produces the error messages. */
static inline __attribute__((always_inline)) int js_u64_fast(jscan *s, uint64_t *v, const char *what)
{
    const unsigned char *b = s->p;
    if (s->end - b >= 16 && *b >= '1' && *b <= '9') {
        uint64_t nd = nondigits(load8(b));
        unsigned k;
        uint64_t x;
        if (nd) {
            k = (unsigned)__builtin_ctzll(nd) / 8;
            x = parse_k(b, k);
        } else {
            nd = nondigits(load8(b + 8));
            if (!nd)
                return js_u64(s, v, what);
            k = 8 + (unsigned)__builtin_ctzll(nd) / 8;
            x = k == 8 ? parse8(load8(b))
                       : parse_k(b, k - 8) * 100000000u + parse8(load8(b + k - 8));
        }
        if (js_delim_fast(b[k])) {
            *v = x;
            s->p = b + k;
            return 0;
        }
    }
    return js_u64(s, v, what);
}

/* High bit of each byte of the result set where v's byte ends the plain
 * part of a string: '"', '\\', a control character, or not ASCII. */
static inline uint64_t string_stops(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return ((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v) | v;
}

/* js_string for the common case, inline: ASCII without escapes, returned in
 * place (scanned 8 bytes at a time). Anything else goes to js_string. */
static inline int js_string_fast(jscan *s, const char **out, size_t *len)
{
    const unsigned char *q = s->p;
    if (q < s->end && *q == '"') {
        const unsigned char *start = ++q;
        while (s->end - q >= 8) {
            uint64_t m = string_stops(load8(q)) & 0x8080808080808080ULL;
            if (m) {
                q += __builtin_ctzll(m) / 8;
                goto found;
            }
            q += 8;
        }
        while (q < s->end && *q != '"' && *q != '\\' && *q >= 0x20 && *q < 0x80)
            q++;
    found:
        if (q < s->end && *q == '"') {
            *out = (const char *)start;
            *len = (size_t)(q - start);
            s->p = q + 1;
            return 0;
        }
    }
    return js_string(s, out, len);
}
/* Skips one complete JSON value of any type, at most JS_MAX_DEPTH deep.
 * start and len (optional) receive its text span. */
int js_skip(jscan *s, const unsigned char **start, size_t *len);
/* Reads a number token's text span (validated as JSON). */
int js_number_span(jscan *s, const unsigned char **start, size_t *len);
/* Reads true/false/null: returns 1, 0 or 2 in *v. */
int js_literal(jscan *s, int *v);

#endif
