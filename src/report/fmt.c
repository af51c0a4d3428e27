/* fmt.c — formatting numbers for people, and TSV escaping. */
#include "memscope/report.h"

#include <inttypes.h>
#include <string.h>

int ms_format_parse(const char *s, ms_format *f)
{
    if (strcmp(s, "table") == 0)
        *f = MS_FORMAT_TABLE;
    else if (strcmp(s, "tsv") == 0)
        *f = MS_FORMAT_TSV;
    else if (strcmp(s, "json") == 0)
        *f = MS_FORMAT_JSON;
    else
        return -1;
    return 0;
}

char *ms_fmt_bytes(uint64_t v, char *buf, size_t n)
{
    static const char *unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    if (v < 1024) {
        snprintf(buf, n, "%" PRIu64 " B", v);
        return buf;
    }
    double x = (double)v / 1024.0;
    int u = 0;
    while (x >= 1024.0 && u < 5) {
        x /= 1024.0;
        u++;
    }
    /* Keep one decimal without rounding up into "1024.0". */
    if (x >= 1023.95 && u < 5) {
        x /= 1024.0;
        u++;
    }
    snprintf(buf, n, "%.1f %s", x, unit[u]);
    return buf;
}

char *ms_fmt_count(uint64_t v, char *buf, size_t n)
{
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    size_t o = 0;
    for (int i = 0; i < len && o + 1 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0 && o + 2 < n)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
    return buf;
}

/* The sign, then what fmt writes of the magnitude. */
static char *signed_fmt(int64_t v, char *buf, size_t n, char *(*fmt)(uint64_t, char *, size_t))
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (n < 2)
        return fmt(mag, buf, n);
    buf[0] = v > 0 ? '+' : '-';
    fmt(mag, buf + (v != 0), n - (v != 0));
    return buf;
}

char *ms_fmt_delta(int64_t v, char *buf, size_t n)
{
    return signed_fmt(v, buf, n, ms_fmt_count);
}

char *ms_fmt_bytes_delta(int64_t v, char *buf, size_t n)
{
    return signed_fmt(v, buf, n, ms_fmt_bytes);
}

void ms_tsv_str(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(*s, f);
        }
    }
}

void ms_text_str(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\t')
            fputs("\\t", f);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
}

/* Display width of one byte of s as ms_text_str prints it (0 for UTF-8
 * continuation bytes). */
static size_t byte_width(unsigned char c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return 2;
    if (c < 0x20 || c == 0x7f)
        return 4;
    return (c & 0xc0) != 0x80;
}

const char *ms_text_cut(const char *s, size_t max, char *buf, size_t n)
{
    if (max > MS_TEXT_CUT_MAX)
        max = MS_TEXT_CUT_MAX;
    if (ms_text_width(s) <= max || n < max * 4 + 4)
        return s;
    size_t w = 0, i = 0;
    /* Whole characters while they leave room for the ellipsis. */
    while (s[i]) {
        size_t j = i + 1;
        while ((s[j] & 0xc0) == 0x80)
            j++;
        size_t cw = byte_width((unsigned char)s[i]);
        if (w + cw > max - 1 || j + 4 > n)
            break;
        w += cw;
        i = j;
    }
    memcpy(buf, s, i);
    memcpy(buf + i, "\xe2\x80\xa6", 4); /* "…" and the NUL */
    return buf;
}

size_t ms_text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += byte_width((unsigned char)*s);
    return w;
}

const char *ms_fmt_name(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    if (len >= 2 && (s[0] == '\'' || s[0] == '"') && s[len - 1] == s[0]) {
        snprintf(buf, n, "%.*s", (int)(len - 2), s + 1);
        return buf;
    }
    return s;
}
