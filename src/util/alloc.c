/* alloc.c — checked allocation, the out-of-memory exit, and the failure
 * injection the tests use (see alloc.h). */
#include "memscope/alloc.h"
#include "memscope/common.h"

#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <unistd.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Cleanups oom runs before exiting (temporary output files). */
enum { MAX_CLEANUPS = 8 };
static void (*cleanups[MAX_CLEANUPS])(void);
static int ncleanups;

void ms_on_oom(void (*fn)(void))
{
    for (int k = 0; k < ncleanups; k++)
        if (cleanups[k] == fn)
            return;
    if (ncleanups < MAX_CLEANUPS)
        cleanups[ncleanups++] = fn;
}

/* Reports and exits, from whichever thread failed first: the others may be
 * running, so nothing is flushed or freed (a half-written report on
 * stdout stays unflushed; stderr is unbuffered) and _exit ends them all. */
_Noreturn void ms_oom(size_t size)
{
    static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&once);
    char msg[80];
    int n = snprintf(msg, sizeof msg, "memscope: out of memory (%zu bytes)\n", size);
    if (write(STDERR_FILENO, msg, (size_t)n) < 0) {
        /* nothing more to say */
    }
    for (int k = 0; k < ncleanups; k++)
        cleanups[k]();
    _exit(MS_EXIT_NOMEM);
}

#ifdef MS_FAULTS
/* Test builds: MEMSCOPE_FAIL_ALLOC=N makes the Nth allocation through
 * these helpers fail (counted over all threads), as if memory ran out. */
static atomic_ulong allocations;
static unsigned long fail_at;

static bool injected(void)
{
    static bool read_env;
    if (!read_env) {
        const char *e = getenv("MEMSCOPE_FAIL_ALLOC");
        fail_at = e ? strtoul(e, NULL, 10) : 0;
        read_env = true;
    }
    return fail_at && atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed) + 1 ==
                          fail_at;
}
#else
static inline bool injected(void)
{
    return false;
}
#endif

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
    void *p = injected() ? NULL : malloc(size ? size : 1);
    if (!p)
        ms_oom(size);
    return hint_huge(p, size);
}

/* Big zeroed arrays are written here rather than left to calloc. calloc
 * hands out fresh pages untouched, and the analyses' arrays (counters,
 * visit marks) are read before they are written: the first read of each
 * page maps the shared zero page, the first write then faults again and
 * flushes the other threads' TLBs. Writing them now costs one fault a page.
 * That made the 2M-object analyze about 10% faster. */
enum { BIG = 1 << 20 };

void *ms_calloc_lazy(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        ms_oom(SIZE_MAX);
    /* No huge pages: each touch of a sparse array would take 2 MiB. */
    void *p = injected() ? NULL : calloc(count ? count : 1, size ? size : 1);
    if (!p)
        ms_oom(count * size);
    return p;
}

void *ms_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        ms_oom(SIZE_MAX);
    size_t bytes = count * size;
    if (bytes < BIG)
        return ms_calloc_lazy(count, size);
    void *p = ms_malloc(bytes);
    memset(p, 0, bytes);
    return p;
}

void *ms_realloc_array(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        ms_oom(SIZE_MAX);
    size_t bytes = count * size;
    void *q = injected() ? NULL : realloc(p, bytes ? bytes : 1);
    if (!q)
        ms_oom(bytes);
    return hint_huge(q, bytes);
}

void ms_release_consumed(const void *base, size_t from, size_t to)
{
#ifdef MADV_DONTNEED
    uintptr_t b = (uintptr_t)base, mask = HUGE - 1;
    uintptr_t lo = (b + from) & ~mask, first = (b + mask) & ~mask;
    uintptr_t hi = (b + to) & ~mask;
    if (lo < first)
        lo = first;
    if (hi > lo)
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
#else
    (void)base, (void)from, (void)to;
#endif
}

void ms_give_back(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* Copies in steps of a few blocks, so that the pages given back are at
 * hand when the next step writes. */
void ms_copy_release(void *dst, const void *src, size_t bytes)
{
    enum { STEP = 4 * HUGE };
    for (size_t done = 0; done < bytes;) {
        size_t n = bytes - done < STEP ? bytes - done : STEP;
        memcpy((char *)dst + done, (const char *)src + done, n);
        ms_release_consumed(src, done, done + n);
        done += n;
    }
}

FILE *ms_memstream(char **buf, size_t *len)
{
    FILE *f = injected() ? NULL : open_memstream(buf, len);
    if (!f)
        ms_oom(BUFSIZ);
    return f;
}

void ms_memstream_close(FILE *f)
{
    if (ferror(f) | fclose(f))
        ms_oom(BUFSIZ);
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

void ms_grow_zero(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t old = *cap;
    ms_grow(p, cap, need, elem);
    if (*cap > old)
        memset((char *)*p + old * elem, 0, (*cap - old) * elem);
}
