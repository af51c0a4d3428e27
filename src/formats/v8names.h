/* v8names.h — DevTools' class names for plain JavaScript objects (see
 * v8names.c). Internal to the V8 reader. */
#ifndef MEMSCOPE_V8NAMES_H
#define MEMSCOPE_V8NAMES_H

#include "memscope/strpool.h"

#include <stdint.h>

/* The n plain objects (type "object", name "Object") of a snapshot, each
 * with the names of its property edges in edge order: object i's are
 * strings str[prop[off[i] .. off[i+1])] of pool. Returns a new array of n
 * classes (the caller frees it): the interned interface name ("{a, b}")
 * DevTools gives object i, or UINT32_MAX where it stays "Object". */
uint32_t *ms_v8_interface_names(ms_strpool *pool, const uint32_t *str, uint32_t n,
                                const uint32_t *off, const uint32_t *prop);

/* The same objects' names as DevTools shows them ("{a, b, …, z}", see
 * v8names.c), interned in pool: a new array of n (the caller frees it). */
uint32_t *ms_v8_plain_names(ms_strpool *pool, const uint32_t *str, uint32_t n,
                            const uint32_t *off, const uint32_t *prop);

#endif
