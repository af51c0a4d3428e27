/* strpool.h — interned strings: type names, edge names, object labels.
 *
 * Each distinct byte string is stored once and named by a 32-bit index.
 * Index 0 is always the empty string, so 0 doubles as "no name". Strings
 * are NUL-terminated in the pool but may be compared by length. The pool
 * owns every byte; pointers from ms_strpool_get stay valid until the next
 * intern (the arena may move) — copy them if you intern meanwhile. Passing
 * such a pointer to the pool's own intern or label is safe. */
#ifndef MEMSCOPE_STRPOOL_H
#define MEMSCOPE_STRPOOL_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct ms_strpool {
    char *bytes;         /* arena: every string followed by NUL */
    size_t nbytes, capbytes;
    uint64_t *off;       /* off[i]: start of string i in bytes */
    uint32_t *len;       /* len[i]: its length */
    uint32_t count, cap;
    uint32_t *slots;     /* open-addressing table of indices, UINT32_MAX empty;
                          * NULL once sealed, until the next intern */
    uint32_t nslots;     /* power of two; 0 when slots is NULL */
    struct ms_strcache *cache;  /* direct-mapped cache of short interned strings */
    struct ms_strcache *lcache; /* the same for labels */
    bool borrowed;       /* bytes, off and len are not the pool's (a mapped
                          * index file): copied before the pool grows, never
                          * freed */
} ms_strpool;

void ms_strpool_init(ms_strpool *sp);
/* A sealed pool over arrays it does not own (a mapped index file: bytes
 * holds each string NUL-terminated at off[i], len[i] long, flags
 * included): read as any pool; copied into its own arrays before it
 * grows; ms_strpool_free leaves them. */
void ms_strpool_borrow(ms_strpool *sp, char *bytes, size_t nbytes, uint64_t *off,
                       uint32_t *len, uint32_t count);
void ms_strpool_free(ms_strpool *sp);
/* Returns the index of the string s[0..n), adding it if new. Returns
 * UINT32_MAX only if the pool already holds 2^32-1 strings. */
uint32_t ms_strpool_intern(ms_strpool *sp, const char *s, size_t n);
/* Index of the interned string s[0..n), or UINT32_MAX if it was never
 * interned (strings added by ms_strpool_label are not found). On a sealed
 * pool it compares the strings one by one (a few milliseconds a million):
 * fine for a name from the command line, not for a lookup per object (see
 * analysis/diff.c's type_map). */
uint32_t ms_strpool_find(const ms_strpool *sp, const char *s, size_t n);
/* Stores s[0..n) for display (object labels, mostly distinct): repeats of
 * recent short strings share an index, others are appended without the
 * cost of a full hash lookup, so equal labels may get different indices
 * and ms_strpool_intern never finds these. Returns UINT32_MAX as above. */
uint32_t ms_strpool_label(ms_strpool *sp, const char *s, size_t n);
/* Adds every string of src to dst: labels as labels, interned strings
 * interned. remap[i] (the caller's array, src->count long) receives string
 * i's index in dst. Copies src's bytes in one piece, so an interned string
 * dst already had leaves its copy unused. Returns 0, or -1 (dst unchanged
 * but for spare capacity) when dst would pass 2^32-2 strings. */
int ms_strpool_append(ms_strpool *dst, const ms_strpool *src, uint32_t *remap);
/* For a pool that is done growing (ms_builder_finish seals the graph's):
 * gives back the room kept for more strings and drops the hash table, which
 * only interning and finding use: about 20 bytes a string in all, some 40%
 * of a V8 snapshot's pool. Indices and ms_strpool_get stay
 * valid (the arena may move: take pointers again). ms_strpool_intern and
 * ms_strpool_append rebuild the table first. */
void ms_strpool_seal(ms_strpool *sp);

/* Length bit marking strings added by ms_strpool_label. */
#define MS_STR_LABEL 0x80000000u
static inline const char *ms_strpool_get(const ms_strpool *sp, uint32_t i)
{
    return sp->bytes + sp->off[i];
}
static inline uint32_t ms_strpool_len(const ms_strpool *sp, uint32_t i)
{
    return sp->len[i] & ~MS_STR_LABEL;
}
static inline int ms_strpool_is_label(const ms_strpool *sp, uint32_t i)
{
    return (sp->len[i] & MS_STR_LABEL) != 0;
}
/* Bytes of memory the pool holds. */
size_t ms_strpool_memory(const ms_strpool *sp);

/* 64-bit hash of bytes, and a mixer for 64-bit keys (ids). The mixer is a
 * bijection (each step is invertible; test_util.c inverts it): resolve.c
 * compares hashes for ids. */
uint64_t ms_hash_bytes(const void *p, size_t n);

/* The mixer's steps: xor-shift by 33, multiply by a, xor-shift, multiply
 * by b, xor-shift. */
static inline uint64_t ms_mix_u64(uint64_t x, uint64_t a, uint64_t b)
{
    x ^= x >> 33;
    x *= a;
    x ^= x >> 33;
    x *= b;
    x ^= x >> 33;
    return x;
}
static inline uint64_t ms_hash_u64(uint64_t x)
{
    return ms_mix_u64(x, 0xff51afd7ed558ccdULL, 0xc4ceb9fe1a85ec53ULL);
}

#endif
