/* utf8.c — UTF-8 measures (see utf8.h). */
#include "memscope/utf8.h"

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
