/* alloc.h — the one allocation helper family.
 *
 * Every allocation in memscope goes through these. On failure they print
 * "memscope: out of memory (N bytes)" and exit with MS_EXIT_NOMEM: the one
 * place library code may end the process, as git's xmalloc does, because no
 * caller can do anything useful without the memory. Temporary output files
 * are removed first (ms_on_oom). Array helpers check the
 * element-count multiplication for overflow (arrays of 10^8 elements). */
#ifndef MEMSCOPE_ALLOC_H
#define MEMSCOPE_ALLOC_H

#include <stddef.h>
#include <stdio.h>

void *ms_malloc(size_t size);
void *ms_calloc(size_t count, size_t size);
/* Zeroed like ms_calloc, but big arrays' pages are left for the first
 * write to map (ms_calloc writes them all at once): for sparse arrays of
 * which most is never written. */
void *ms_calloc_lazy(size_t count, size_t size);
/* realloc(p, count * size) with an overflow check; returns the new block. */
void *ms_realloc_array(void *p, size_t count, size_t size);
char *ms_strdup(const char *s);
char *ms_strndup(const char *s, size_t n);

/* Grow *p (an array of elem-size items with capacity *cap) so that it holds at
 * least need items; capacity grows by half again. MS_GROW tests the
 * capacity inline (it runs once per element in the readers) and evaluates
 * need twice. */
void ms_grow(void **p, size_t *cap, size_t need, size_t elem);
#define MS_GROW(arr, cap, need)                                              \
    do {                                                                     \
        if ((size_t)(need) > (cap))                                          \
            ms_grow((void **)&(arr), &(cap), (size_t)(need), sizeof(*(arr))); \
    } while (0)
/* The same, the new items (from the old capacity up) zeroed: for tables
 * indexed by a key, where 0 means "none yet". */
void ms_grow_zero(void **p, size_t *cap, size_t need, size_t elem);
#define MS_GROW_ZERO(arr, cap, need)                                              \
    do {                                                                          \
        if ((size_t)(need) > (cap))                                               \
            ms_grow_zero((void **)&(arr), &(cap), (size_t)(need), sizeof(*(arr))); \
    } while (0)

/* Gives back to the kernel the pages of an array being read front to back:
 * bytes [0, to) of the array at base are consumed, [0, from) were handed
 * to this call before. The whole 2 MiB blocks inside [0, to) not yet given
 * back are, and read as zero afterwards; the array is freed as usual.
 * Pages the process writes next for the first time then come from these:
 * in a virtual machine that hands freed memory back to its host, a first
 * write to a page the host took back costs several times more (copying
 * into fresh memory here: 0.6 GB/s, into memory given back this way:
 * 4 GB/s). A no-op where madvise is missing. */
void ms_release_consumed(const void *base, size_t from, size_t to);
/* memcpy, giving back src's pages as they are copied (as above). */
void ms_copy_release(void *dst, const void *src, size_t bytes);

/* Gives back to the kernel the pages of memory freed but kept by the
 * allocator (glibc's malloc_trim), in every thread's arena; the addresses
 * stay, and what is allocated next reuses them (refaulting pages at the
 * rate of memory given back, above). For the end of a phase that freed
 * much before one that allocates: otherwise what the next phase cannot fit
 * into the holes (or allocates on another thread, in another arena) comes
 * on top of them, at the peak. A no-op with other allocators. */
void ms_give_back(void);

/* open_memstream, and fclose of one: out of memory is reported as above
 * (the caller frees *buf after closing). */
FILE *ms_memstream(char **buf, size_t *len);
void ms_memstream_close(FILE *f);

/* The out-of-memory exit: writes the message, runs the cleanups registered
 * with ms_on_oom (at most 8, each once), and ends the process with
 * MS_EXIT_NOMEM from whichever thread calls it. For allocations made
 * elsewhere (cJSON's hooks). */
_Noreturn void ms_oom(size_t size);
void ms_on_oom(void (*fn)(void));

/* Built with -DMS_FAULTS (make check's build/VARIANT/memscope-faults), the
 * Nth allocation through these helpers fails when the environment has
 * MEMSCOPE_FAIL_ALLOC=N: the tests' way to run out of memory anywhere. */

#endif
