/* utf8.h — UTF-8 text walked by one rule and measured as other runtimes
 * measure it.
 *
 * The rule is RFC 3629's: a character is one of the well-formed byte
 * sequences of its table 3-7 (no overlong forms, no surrogates, nothing
 * above U+10FFFF). The readers reject text that breaks it (jscan.c); the
 * DOT writer shows each byte that breaks it as \xNN (escape.c). The
 * measures below count lead bytes, which gives the same answer on text
 * that keeps the rule. */
#ifndef MEMSCOPE_UTF8_H
#define MEMSCOPE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length in bytes (1 to 4) of the well-formed UTF-8 character at s, given
 * n >= 1 bytes there; 0 if the bytes at s are not one (a stray
 * continuation byte, an overlong form, a surrogate, a code point above
 * U+10FFFF, or a sequence cut short by n). An ASCII byte, NUL included,
 * is 1. */
size_t ms_utf8_char(const char *s, size_t n);
/* Whether s[0..n) is well-formed UTF-8 (NUL bytes allowed). */
bool ms_utf8_valid(const char *s, size_t n);
/* Length of the UTF-8 text s[0..n) in UTF-16 code units, as JavaScript
 * counts a string's length (a character above U+FFFF is two). */
size_t ms_utf16_units(const char *s, size_t n);
/* The length of s[0..n) cut to at most max bytes without splitting a UTF-8
 * sequence. */
size_t ms_utf8_cut(const char *s, size_t n, size_t max);

#endif
