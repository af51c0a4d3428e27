/* id.c — object ids written as text (see id.h). */
#include "memscope/id.h"

int ms_parse_id(const char *s, size_t n, uint64_t *out)
{
    size_t i = 0;
    unsigned base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    }
    if (i == n)
        return -1;
    uint64_t x = 0;
    for (; i < n; i++) {
        unsigned c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return -1;
        if (x > (UINT64_MAX - d) / base)
            return 1;
        x = x * base + d;
    }
    *out = x;
    return 0;
}
