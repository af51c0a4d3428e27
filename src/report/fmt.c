/* fmt.c — numbers and names formatted for people, and the --format names. */
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

const char *ms_fmt_name(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    if (len >= 2 && (s[0] == '\'' || s[0] == '"') && s[len - 1] == s[0]) {
        snprintf(buf, n, "%.*s", (int)(len - 2), s + 1);
        return buf;
    }
    return s;
}
