/* alloc.c — checked allocation (see alloc.h). */
#include "memscope/alloc.h"
#include "memscope/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void oom(size_t size)
{
    fprintf(stderr, "memscope: out of memory (%zu bytes)\n", size);
    exit(MS_EXIT_NOMEM);
}

/* Big arrays are read at random by the analyses (a node's number, its
 * edges, a counter per referrer): with 4 KiB pages nearly every such read
 * also misses the TLB once the arrays pass a few megabytes. They are asked
 * to be backed by 2 MiB pages where the kernel leaves that to the program
 * (transparent_hugepage "madvise", Debian's default); glibc serves
 * allocations this big with mmap, so the range is the array's alone. */
enum { HUGE = 2 << 20, HUGE_FROM = 8 << 20 };

static void *hint_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    if (bytes >= HUGE_FROM) {
        uintptr_t lo = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
        uintptr_t hi = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE - 1);
        if (hi > lo)
            madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
    }
#endif
    return p;
}

void *ms_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        oom(size);
    return hint_huge(p, size);
}

/* Big zeroed arrays are written here rather than left to calloc. calloc
 * hands out fresh pages untouched, and the analyses' arrays (counters,
 * visit marks) are read before they are written: the first read of each
 * page maps the shared zero page, the first write then faults again and
 * flushes the other threads' TLBs. Writing them now costs one fault a page.
 * That made the 2M-object analyze about 10% faster. */
enum { BIG = 1 << 20 };

void *ms_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    size_t bytes = count * size;
    if (bytes >= BIG) {
        void *p = ms_malloc(bytes);
        memset(p, 0, bytes);
        return p;
    }
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom(bytes);
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
    return hint_huge(q, bytes);
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
