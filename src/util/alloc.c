/* alloc.c — checked allocation (see alloc.h). */
#include "memscope/alloc.h"
#include "memscope/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t size)
{
    fprintf(stderr, "memscope: out of memory (%zu bytes)\n", size);
    exit(MS_EXIT_NOMEM);
}

void *ms_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        oom(size);
    return p;
}

void *ms_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom(count * size);
    return p;
}

void *ms_realloc_array(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    size_t bytes = count * size;
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q)
        oom(bytes);
    return q;
}

char *ms_strndup(const char *s, size_t n)
{
    char *d = ms_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *ms_strdup(const char *s)
{
    return ms_strndup(s, strlen(s));
}

void ms_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap + *cap / 2 : 16;
    if (ncap < need)
        ncap = need;
    *p = ms_realloc_array(*p, ncap, elem);
    *cap = ncap;
}
