/* jscan.c — strict JSON scanning primitives (see jscan.h). Grammar per
 * RFC 8259; strings must be valid UTF-8 (RFC 3629 ranges). */
#include "jscan.h"
#include "memscope/alloc.h"
#include "memscope/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void js_init(jscan *s, const ms_input *in, ms_error *err)
{
    memset(s, 0, sizeof *s);
    s->base = s->p = in->data;
    s->end = in->data + in->size;
    s->in = in;
    s->err = err;
}

void js_free(jscan *s)
{
    free(s->sbuf);
    s->sbuf = NULL;
    s->scap = 0;
}

/* Tells what (at most 255 bytes), found at at, with status st. */
static int tell(jscan *s, const unsigned char *at, ms_status st, const char *what)
{
    if (s->failed)
        return -1; /* keep the first, innermost message */
    s->failed = true;
    if (s->err) {
        char where[600];
        ms_input_where(s->in, (size_t)(at - s->base), where, sizeof where);
        ms_error_set(s->err, st, "%s: %.255s", where, what);
    }
    return -1;
}

int js_fail(jscan *s, const unsigned char *at, const char *fmt, ...)
{
    if (s->failed || !s->err) {
        s->failed = true;
        return -1;
    }
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tell(s, at, MS_ERR_INPUT, what);
}

int js_fail_error(jscan *s, const unsigned char *at, const ms_error *e)
{
    return tell(s, at, e->status, e->msg);
}

void js_adopt(jscan *s, const jscan *part)
{
    if (s->failed || !part->failed)
        return;
    s->failed = true;
    if (s->err && part->err)
        *s->err = *part->err;
}

ms_status js_status(jscan *s)
{
    if (!s->failed)
        tell(s, s->base, MS_ERR_INPUT, "");
    return s->err ? s->err->status : MS_ERR_INPUT;
}

/* Describes the byte at p for messages: "'x'", "byte 0xff", "end of input". */
const char *js_describe(const jscan *s, const unsigned char *p, char *buf, size_t n)
{
    if (p >= s->end)
        return "end of input";
    if (*p == 0)
        return "NUL byte";
    if (*p >= 0x21 && *p < 0x7f)
        snprintf(buf, n, "'%c'", *p);
    else
        snprintf(buf, n, "byte 0x%02x", *p);
    return buf;
}

int js_expect_slow(jscan *s, char c, const char *what)
{
    js_ws(s);
    if (s->p < s->end && *s->p == (unsigned char)c) {
        s->p++;
        return 0;
    }
    char b[16];
    return js_fail(s, s->p, "expected %s, found %s", what, js_describe(s, s->p, b, sizeof b));
}

int js_next_slow(jscan *s, char close, const char *after)
{
    js_ws(s);
    if (s->p < s->end && *s->p == ',') {
        s->p++;
        return 1;
    }
    if (s->p < s->end && *s->p == (unsigned char)close) {
        s->p++;
        return 0;
    }
    char what[64];
    snprintf(what, sizeof what, "',' or '%c'%s", close, after);
    return js_expect(s, ',', what);
}

static void put(jscan *s, size_t *n, const void *src, size_t k)
{
    MS_GROW(s->sbuf, s->scap, *n + k + 1);
    memcpy(s->sbuf + *n, src, k);
    *n += k;
}

static void put_cp(jscan *s, size_t *n, uint32_t cp)
{
    unsigned char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xc0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 0x3f));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xe0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (unsigned char)(0x80 | (cp & 0x3f));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xf0 | cp >> 18);
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (unsigned char)(0x80 | (cp & 0x3f));
        k = 4;
    }
    put(s, n, b, k);
}

static int hex4(jscan *s, const unsigned char *p, uint32_t *v)
{
    if (s->end - p < 4)
        return js_fail(s, p, "truncated \\u escape");
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return js_fail(s, p - 2, "invalid \\u escape");
        x = x << 4 | d;
    }
    *v = x;
    return 0;
}

int js_string(jscan *s, const char **out, size_t *len)
{
    const unsigned char *q = s->p;
    if (q >= s->end || *q != '"') {
        char b[16];
        return js_fail(s, q, "expected a string, found %s", js_describe(s, q, b, sizeof b));
    }
    const unsigned char *open = q++;
    const unsigned char *start = q;
    /* Fast path: plain ASCII without escapes, returned in place. */
    while (q < s->end && *q != '"' && *q != '\\' && *q >= 0x20 && *q < 0x80)
        q++;
    if (q < s->end && *q == '"') {
        *out = (const char *)start;
        *len = (size_t)(q - start);
        s->p = q + 1;
        return 0;
    }
    size_t n = 0;
    put(s, &n, start, (size_t)(q - start));
    for (;;) {
        if (q >= s->end)
            return js_fail(s, open, "unterminated string");
        unsigned c = *q;
        if (c == '"')
            break;
        if (c == '\\') {
            if (q + 1 >= s->end)
                return js_fail(s, open, "unterminated string");
            unsigned e = q[1];
            char ch;
            switch (e) {
            case '"': ch = '"'; break;
            case '\\': ch = '\\'; break;
            case '/': ch = '/'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'n': ch = '\n'; break;
            case 'r': ch = '\r'; break;
            case 't': ch = '\t'; break;
            case 'u': {
                uint32_t cp;
                if (hex4(s, q + 2, &cp))
                    return -1;
                q += 6;
                if (cp >= 0xd800 && cp <= 0xdbff && s->end - q >= 6 && q[0] == '\\' &&
                    q[1] == 'u') {
                    uint32_t lo;
                    if (hex4(s, q + 2, &lo))
                        return -1;
                    if (lo >= 0xdc00 && lo <= 0xdfff) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                        q += 6;
                    } else {
                        cp = 0xfffd; /* lone high surrogate; lo is read next */
                    }
                } else if (cp >= 0xd800 && cp <= 0xdfff) {
                    cp = 0xfffd;
                } else if (cp == 0) {
                    cp = 0x2400; /* SYMBOL FOR NULL: strings stay C strings */
                }
                put_cp(s, &n, cp);
                continue;
            }
            default: {
                char b[16];
                return js_fail(s, q, "invalid escape '\\' followed by %s",
                               js_describe(s, q + 1, b, sizeof b));
            }
            }
            put(s, &n, &ch, 1);
            q += 2;
            continue;
        }
        if (c < 0x20) {
            if (c == 0)
                return js_fail(s, q, "NUL byte in string");
            return js_fail(s, q, "control character 0x%02x in string", c);
        }
        if (c < 0x80) {
            put(s, &n, q, 1);
            q++;
            continue;
        }
        size_t k = ms_utf8_char((const char *)q, (size_t)(s->end - q));
        if (!k)
            return js_fail(s, q, "invalid UTF-8 byte 0x%02x in string", c);
        put(s, &n, q, k);
        q += k;
    }
    s->sbuf[n] = '\0';
    *out = s->sbuf;
    *len = n;
    s->p = q + 1;
    return 0;
}

int js_is_delim(int c)
{
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' ||
           c == '\t';
}

int js_number_span(jscan *s, const unsigned char **start, size_t *len)
{
    const unsigned char *q = s->p, *b = q;
    if (q < s->end && *q == '-')
        q++;
    if (q >= s->end || *q < '0' || *q > '9')
        return js_fail(s, b, "invalid number");
    if (*q == '0')
        q++;
    else
        while (q < s->end && *q >= '0' && *q <= '9')
            q++;
    if (q < s->end && *q == '.') {
        q++;
        if (q >= s->end || *q < '0' || *q > '9')
            return js_fail(s, b, "invalid number");
        while (q < s->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < s->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < s->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= s->end || *q < '0' || *q > '9')
            return js_fail(s, b, "invalid number");
        while (q < s->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < s->end && !js_is_delim(*q))
        return js_fail(s, b, "invalid number");
    *start = b;
    *len = (size_t)(q - b);
    s->p = q;
    return 0;
}

int js_u64(jscan *s, uint64_t *v, const char *what)
{
    const unsigned char *q = s->p, *b = q;
    if (q < s->end && *q >= '0' && *q <= '9') {
        uint64_t x = (uint64_t)(*q++ - '0');
        if (x == 0) {
            if (q < s->end && *q >= '0' && *q <= '9')
                return js_fail(s, b, "%s: invalid number (leading zero)", what);
        } else if (s->end - b >= 16) {
            /* Count the digits 8 at a time, then read up to 16 of them (no
             * overflow possible) with two SWAR steps; any further digits go
             * through the checked loop below. */
            uint64_t nd = nondigits(load8(b));
            unsigned k = nd ? (unsigned)__builtin_ctzll(nd) / 8 : 8;
            if (k == 8) {
                nd = nondigits(load8(b + 8));
                k = nd ? 8 + (unsigned)__builtin_ctzll(nd) / 8 : 16;
            }
            x = k <= 8 ? parse_k(b, k) : parse_k(b, k - 8) * 100000000u + parse8(load8(b + k - 8));
            q = b + k;
        }
        while (q < s->end && *q >= '0' && *q <= '9') {
            unsigned d = (unsigned)(*q - '0');
            if (x > (UINT64_MAX - d) / 10)
                return js_fail(s, b, "%s: integer larger than 2^64-1", what);
            x = x * 10 + d;
            q++;
        }
        if (q >= s->end || js_is_delim(*q)) {
            *v = x;
            s->p = q;
            return 0;
        }
    }
    /* Not a plain unsigned integer: say precisely why. */
    const unsigned char *ns;
    size_t nl;
    if (js_number_span(s, &ns, &nl) != 0) {
        js_unfail(s);
        char bb[16];
        return js_fail(s, b, "%s: expected a non-negative integer, found %s", what,
                       js_describe(s, b, bb, sizeof bb));
    }
    if (*ns == '-')
        return js_fail(s, b, "%s: negative value %.*s", what, (int)(nl > 40 ? 40 : nl), ns);
    return js_fail(s, b, "%s: %.*s is not an integer", what, (int)(nl > 40 ? 40 : nl), ns);
}

int js_literal(jscan *s, int *v)
{
    size_t avail = (size_t)(s->end - s->p);
    if (avail >= 4 && memcmp(s->p, "true", 4) == 0) {
        *v = 1;
        s->p += 4;
    } else if (avail >= 5 && memcmp(s->p, "false", 5) == 0) {
        *v = 0;
        s->p += 5;
    } else if (avail >= 4 && memcmp(s->p, "null", 4) == 0) {
        *v = 2;
        s->p += 4;
    } else {
        char b[16];
        return js_fail(s, s->p, "expected a value, found %s", js_describe(s, s->p, b, sizeof b));
    }
    if (s->p < s->end && !js_is_delim(*s->p)) {
        char b[16];
        return js_fail(s, s->p, "unexpected %s", js_describe(s, s->p, b, sizeof b));
    }
    return 0;
}

/* Skips a value iteratively; the explicit stack holds '{' or '[' per level. */
int js_skip(jscan *s, const unsigned char **start, size_t *len)
{
    char stack[JS_MAX_DEPTH];
    int depth = 0;
    js_ws(s);
    const unsigned char *b = s->p;
    for (;;) {
        /* Expect a value. */
        js_ws(s);
        if (s->p >= s->end)
            return js_fail(s, s->p, "unexpected end of input");
        int c = *s->p;
        if (c == '{' || c == '[') {
            if (depth == JS_MAX_DEPTH)
                return js_fail(s, s->p, "nesting deeper than %d levels", JS_MAX_DEPTH);
            stack[depth++] = (char)c;
            s->p++;
            js_ws(s);
            if (s->p < s->end && *s->p == (c == '{' ? '}' : ']')) {
                s->p++;
                depth--;
                goto after_value;
            }
            if (c == '{') {
                const char *k;
                size_t kl;
                if (js_string(s, &k, &kl) || js_expect(s, ':', "':'"))
                    return -1;
            }
            continue;
        }
        if (c == '"') {
            const char *str;
            size_t sl;
            if (js_string(s, &str, &sl))
                return -1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const unsigned char *ns;
            size_t nl;
            if (js_number_span(s, &ns, &nl))
                return -1;
        } else {
            int v;
            if (js_literal(s, &v))
                return -1;
        }
    after_value:
        for (;;) {
            if (depth == 0) {
                if (start)
                    *start = b;
                if (len)
                    *len = (size_t)(s->p - b);
                return 0;
            }
            js_ws(s);
            char open = stack[depth - 1];
            char close = open == '{' ? '}' : ']';
            if (s->p < s->end && *s->p == close) {
                s->p++;
                depth--;
                continue;
            }
            if (js_expect(s, ',', open == '{' ? "',' or '}'" : "',' or ']'"))
                return -1;
            if (open == '{') {
                js_ws(s);
                const char *k;
                size_t kl;
                if (js_string(s, &k, &kl) || js_expect(s, ':', "':'"))
                    return -1;
            }
            break;
        }
    }
}
