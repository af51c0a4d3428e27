/* baseline.c — reading, matching and writing known findings (baseline.h). */
#include "memscope/baseline.h"

#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The line's fields, checked; "" if fine, else the cause. */
static const char *check_line(const char *s, size_t n)
{
    if (memchr(s, '\0', n))
        return "a NUL byte";
    if (memchr(s, '\r', n))
        return "a carriage return inside the line (write it \\r)";
    if (!ms_utf8_valid(s, n))
        return "not UTF-8";
    const char *t1 = memchr(s, '\t', n);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - s)) : NULL;
    if (!t2 || memchr(t2 + 1, '\t', n - (size_t)(t2 + 1 - s)))
        return "expected three fields between tabs: KIND, TYPE, SIGNATURE";
    size_t kind = (size_t)(t1 - s);
    if (!((kind == 4 && memcmp(s, "leak", 4) == 0) ||
          (kind == 10 && memcmp(s, "collection", 10) == 0)))
        return "the kind is neither leak nor collection";
    if (t2 == t1 + 1 || t2 + 1 == s + n)
        return "an empty type or signature";
    return "";
}

ms_status ms_baseline_load(const char *path, ms_baseline *b, ms_error *err)
{
    memset(b, 0, sizeof *b);
    ms_strpool_init(&b->lines);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ms_error_set(err, MS_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    uint64_t no = 0;
    ms_status st = MS_OK;
    while (st == MS_OK && (got = getline(&line, &cap, f)) >= 0) {
        no++;
        size_t n = (size_t)got;
        if (n && line[n - 1] == '\n')
            n--;
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        const char *why = check_line(line, n);
        if (*why) {
            st = ms_error_set(err, MS_ERR_INPUT, "%s:%llu: not a baseline line: %s", path,
                              (unsigned long long)no, why);
        } else if (ms_strpool_find(&b->lines, line, n) == UINT32_MAX) {
            ms_strpool_intern(&b->lines, line, n);
            b->count++;
        }
    }
    if (st == MS_OK && ferror(f))
        st = ms_error_set(err, MS_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    free(line);
    fclose(f);
    if (st != MS_OK)
        ms_baseline_free(b);
    return st;
}

void ms_baseline_free(ms_baseline *b)
{
    ms_strpool_free(&b->lines);
    memset(b, 0, sizeof *b);
}

/* "kind\ttype\tsignature" with the type escaped, malloc'd; *n its length. */
static char *line_of(const char *kind, const char *type, const char *signature, size_t *n)
{
    char *buf = NULL;
    size_t len = 0, cap = 0, k = strlen(kind), s = strlen(signature);
    MS_GROW(buf, cap, k + 2);
    memcpy(buf, kind, k);
    len = k;
    buf[len++] = '\t';
    ms_sig_escape(&buf, &len, &cap, type, strlen(type));
    MS_GROW(buf, cap, len + s + 2);
    buf[len++] = '\t';
    memcpy(buf + len, signature, s);
    len += s;
    buf[len] = '\0';
    *n = len;
    return buf;
}

bool ms_baseline_has(const ms_baseline *b, const char *kind, const char *type,
                     const char *signature)
{
    if (!b || !b->count)
        return false;
    size_t n;
    char *line = line_of(kind, type, signature, &n);
    bool has = ms_strpool_find(&b->lines, line, n) != UINT32_MAX;
    free(line);
    return has;
}

void ms_baseline_write_line(FILE *f, const char *kind, const char *type,
                            const char *signature)
{
    size_t n;
    char *line = line_of(kind, type, signature, &n);
    fwrite(line, 1, n, f);
    fputc('\n', f);
    free(line);
}
