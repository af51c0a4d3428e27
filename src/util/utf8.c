/* utf8.c — the UTF-8 walker and measures (see utf8.h). */
#include "memscope/utf8.h"

/* Whether b is a continuation byte (10xxxxxx). */
static int cont(unsigned char b)
{
    return (b & 0xc0) == 0x80;
}

size_t ms_utf8_char(const char *str, size_t n)
{
    const unsigned char *p = (const unsigned char *)str;
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return n >= 2 && cont(p[1]) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (n < 3 || !cont(p[1]) || !cont(p[2]))
            return 0;
        if (c == 0xe0 && p[1] < 0xa0) /* overlong */
            return 0;
        if (c == 0xed && p[1] > 0x9f) /* a surrogate */
            return 0;
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (n < 4 || !cont(p[1]) || !cont(p[2]) || !cont(p[3]))
            return 0;
        if (c == 0xf0 && p[1] < 0x90) /* overlong */
            return 0;
        if (c == 0xf4 && p[1] > 0x8f) /* above U+10FFFF */
            return 0;
        return 4;
    }
    return 0; /* a continuation byte, 0xc0, 0xc1 or 0xf5-0xff */
}

size_t ms_utf16_units(const char *s, size_t n)
{
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        u += (c & 0xc0) != 0x80; /* a lead byte starts a character */
        u += c >= 0xf0;          /* four bytes: a surrogate pair */
    }
    return u;
}

size_t ms_utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

bool ms_utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = (unsigned char)s[i] < 0x80 ? 1 : ms_utf8_char(s + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}
