/* escape.h — text written into another language, one function per
 * language (src/report/escape.c): a JSON string literal, an HTML text or
 * attribute value, JSON inside an HTML <script>, a DOT string, a TSV
 * field, and text for people with control characters made visible. Each
 * writes to f and never fails (a write error shows at the stream's end);
 * s is NUL-terminated and only read. */
#ifndef MEMSCOPE_ESCAPE_H
#define MEMSCOPE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* The one mark of text cut short, in tables and diagrams: "…" (U+2026). */
#define MS_CUT_MARK "\xe2\x80\xa6"

/* s as a JSON string literal, quotes included: " \ and control
 * characters escaped, \u00XX for those without a short form; other bytes
 * as they are. */
void ms_json_quote(FILE *f, const char *s);
/* s as HTML text, also fit for an attribute value: < > & " as entities,
 * control characters other than \n and \t left out. */
void ms_html_text(FILE *f, const char *s);
/* JSON text as the body of a <script> element: "</" as "<\/" so that the
 * element cannot end early. */
void ms_html_script(FILE *f, const char *json);
/* s inside a DOT string (the quotes are the caller's), at most max
 * characters of it: " and \ escaped; newline, tab, other control
 * characters and bytes that break the UTF-8 rule (utf8.h) shown as \n, \t
 * and \xNN; MS_CUT_MARK after the max-th character when more follow. */
void ms_dot_text(FILE *f, const char *s, size_t max);
/* s as a TSV field: tab, newline, carriage return and backslash as \t,
 * \n, \r and \\. */
void ms_tsv_str(FILE *f, const char *s);
/* s for people: tab, newline and carriage return as \t, \n and \r, other
 * control characters as \xNN; other bytes as they are. */
void ms_text_str(FILE *f, const char *s);
/* Display width of s as ms_text_str prints it: one column per character
 * (a lead byte), 2 for \t \n \r, 4 for \xNN. */
size_t ms_text_width(const char *s);
/* Longest column width ms_text_cut honours. */
#define MS_TEXT_CUT_MAX 120
/* s itself when its display width is at most max (capped at
 * MS_TEXT_CUT_MAX), else its first characters plus MS_CUT_MARK in buf (n
 * bytes, at least 4 * max + 4), max wide in all. */
const char *ms_text_cut(const char *s, size_t max, char *buf, size_t n);

#endif
