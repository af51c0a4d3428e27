/* escape.c — text written into JSON, HTML, DOT, TSV and for people (see
 * escape.h): every escaping rule of the reports, each in one function,
 * and the width and cut of text for people. */
#include "memscope/escape.h"
#include "memscope/utf8.h"

#include <string.h>

void ms_json_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (c < 0x20)
                fprintf(f, "\\u%04x", c);
            else
                fputc((int)c, f);
        }
    }
    fputc('"', f);
}

void ms_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                fputc(*s, f);
        }
    }
}

void ms_html_script(FILE *f, const char *json)
{
    for (const char *p = json; *p; p++) {
        if (p[0] == '<' && p[1] == '/')
            fputs("<\\", f);
        else
            fputc(*p, f);
    }
}

void ms_dot_text(FILE *f, const char *str, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t left = strlen(str), shown = 0;
    while (*s) {
        if (shown == max) {
            fputs(MS_CUT_MARK, f);
            return;
        }
        size_t n = ms_utf8_char((const char *)s, left);
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\\\n", f);
        else if (*s == '\t')
            fputs("\\\\t", f);
        else if (*s < 0x20 || *s == 0x7f || !n)
            fprintf(f, "\\\\x%02x", *s);
        else
            fwrite(s, 1, n, f);
        if (!n)
            n = 1;
        s += n;
        left -= n;
        shown++;
    }
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

size_t ms_text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += byte_width((unsigned char)*s);
    return w;
}

const char *ms_text_cut(const char *s, size_t max, char *buf, size_t n)
{
    if (max > MS_TEXT_CUT_MAX)
        max = MS_TEXT_CUT_MAX;
    if (ms_text_width(s) <= max || n < max * 4 + 4)
        return s;
    size_t w = 0, i = 0;
    /* Whole characters while they leave room for the mark. */
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
    memcpy(buf + i, MS_CUT_MARK, sizeof MS_CUT_MARK); /* and the NUL */
    return buf;
}
