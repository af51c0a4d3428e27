/* alloc.h — the one allocation helper family.
 *
 * Every allocation in memscope goes through these. On failure they print
 * "memscope: out of memory (N bytes)" and exit with MS_EXIT_NOMEM: the one
 * place library code may end the process, as git's xmalloc does, because no
 * caller can do anything useful without the memory. Array helpers check the
 * element-count multiplication for overflow (arrays of 10^8 elements). */
#ifndef MEMSCOPE_ALLOC_H
#define MEMSCOPE_ALLOC_H

#include <stddef.h>

void *ms_malloc(size_t size);
void *ms_calloc(size_t count, size_t size);
/* realloc(p, count * size) with an overflow check; returns the new block. */
void *ms_realloc_array(void *p, size_t count, size_t size);
char *ms_strdup(const char *s);
char *ms_strndup(const char *s, size_t n);

/* Grow *p (an array of elem-size items with capacity *cap) so that it holds at
 * least need items; capacity grows by half again. */
void ms_grow(void **p, size_t *cap, size_t need, size_t elem);
#define MS_GROW(arr, cap, need) ms_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
