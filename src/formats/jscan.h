/* jscan.h — a strict, allocation-free JSON scanner for the readers.
 *
 * Pulls JSON tokens from a byte buffer without building a tree: strings
 * (decoded, UTF-8 checked), unsigned 64-bit integers read exactly from the
 * text (cJSON goes through double and loses integers above 2^53), and
 * skipping any value with a nesting limit. All functions return 0 on
 * success and -1 on error, having recorded the byte offset and a message
 * (js_fail). It is shared by the native reader and the fuzz targets. */
#ifndef MEMSCOPE_JSCAN_H
#define MEMSCOPE_JSCAN_H

#include <stddef.h>
#include <stdint.h>

#define JS_MAX_DEPTH 64

typedef struct jscan {
    const unsigned char *base, *p, *end;
    char *sbuf;          /* scratch for strings with escapes; owned */
    size_t scap;
    size_t err_off;      /* where the error is */
    char err[256];       /* what is wrong, or "" */
} jscan;

void js_init(jscan *s, const unsigned char *data, size_t size);
void js_free(jscan *s);
int js_fail(jscan *s, const unsigned char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

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
/* Skips white space and consumes byte c, or fails naming what. */
int js_expect(jscan *s, char c, const char *what);

/* Reads a string at p (which must be '"'). *out points into the input when
 * the string has no escapes, else into the scratch buffer (valid until the
 * next js_string). Invalid UTF-8, raw control characters and bad escapes
 * are errors; \u0000 becomes U+2400 and lone surrogates U+FFFD. */
int js_string(jscan *s, const char **out, size_t *len);
/* Reads a non-negative integer that fits in 64 bits; what names the field
 * in messages ("size: negative value"). */
int js_u64(jscan *s, uint64_t *v, const char *what);
/* Skips one complete JSON value of any type, at most JS_MAX_DEPTH deep.
 * start and len (optional) receive its text span. */
int js_skip(jscan *s, const unsigned char **start, size_t *len);
/* Reads a number token's text span (validated as JSON). */
int js_number_span(jscan *s, const unsigned char **start, size_t *len);
/* Reads true/false/null: returns 1, 0 or 2 in *v. */
int js_literal(jscan *s, int *v);

#endif
