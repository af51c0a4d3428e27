/* utf8.h — UTF-8 text measured as other runtimes measure it. */
#ifndef MEMSCOPE_UTF8_H
#define MEMSCOPE_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 text s[0..n) in UTF-16 code units, as JavaScript
 * counts a string's length (a character above U+FFFF is two). */
size_t ms_utf16_units(const char *s, size_t n);
/* The length of s[0..n) cut to at most max bytes without splitting a UTF-8
 * sequence. */
size_t ms_utf8_cut(const char *s, size_t n, size_t max);

#endif
