/* id.h — reading an object id written as text: the readers' quoted ids,
 * Ruby's addresses and the command line's OBJ. */
#ifndef MEMSCOPE_ID_H
#define MEMSCOPE_ID_H

#include <stddef.h>
#include <stdint.h>

/* Parses s[0..n), decimal digits or "0x"/"0X" and hex digits, into *out.
 * Returns 0; -1 if it is not such an id (empty, or another character); 1
 * if it is larger than 2^64-1. */
int ms_parse_id(const char *s, size_t n, uint64_t *out);

#endif
