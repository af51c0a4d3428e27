/* strpool.c — interned string pool (see strpool.h): an arena of bytes, an
 * offset and length per string, and a linear-probing hash table of indices. */
#include "memscope/strpool.h"
#include "memscope/alloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

uint64_t ms_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0x100000001b3ULL);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ ms_hash_u64(w)) * 0x100000001b3ULL;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h ^= ms_hash_u64(w ^ n);
    return ms_hash_u64(h);
}

/* Readers intern the same few type and edge names millions of times. A
 * direct-mapped cache keyed by the bytes of strings up to 16 long answers
 * those without touching the arena. */
#define CACHE_BITS 12
struct ms_strcache {
    uint64_t a, b;   /* the string's bytes, zero-padded */
    uint32_t len;    /* 0 = empty entry */
    uint32_t idx;
};

/* The bytes of s (n <= 16), zero-padded, as two words. Uses overlapping
 * loads that stay inside s[0..n): copying into a zeroed buffer first made
 * the loads wait on store forwarding, the cost of the whole lookup. */
static inline void short_key(const char *s, size_t n, uint64_t *a, uint64_t *b)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 8) {
        memcpy(a, p, 8);
        uint64_t t = 0;
        if (n > 8) {
            memcpy(&t, p + n - 8, 8);
            t >>= 8 * (16 - n);
        }
        *b = t;
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        *a = lo | (uint64_t)hi << (8 * (n - 4));
        *b = 0;
    } else {
        *a = n ? (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) |
                     (uint64_t)p[n - 1] << (8 * (n - 1))
               : 0;
        *b = 0;
    }
}

static inline uint32_t short_slot(uint64_t a, uint64_t b, size_t n)
{
    uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ n;
    return (uint32_t)(h >> (64 - CACHE_BITS));
}

static void rehash(ms_strpool *sp, uint32_t nslots)
{
    free(sp->slots);
    sp->slots = ms_malloc((size_t)nslots * sizeof *sp->slots);
    memset(sp->slots, 0xff, (size_t)nslots * sizeof *sp->slots);
    sp->nslots = nslots;
    uint32_t mask = nslots - 1;
    for (uint32_t i = 0; i < sp->count; i++) {
        if (sp->len[i] & MS_STR_LABEL)
            continue;
        uint64_t h = ms_hash_bytes(sp->bytes + sp->off[i], sp->len[i]);
        uint32_t s = (uint32_t)h & mask;
        while (sp->slots[s] != UINT32_MAX)
            s = (s + 1) & mask;
        sp->slots[s] = i;
    }
}

/* Whether a table of nslots is past 3/4 full with the pool's count (and
 * may still double). */
static bool too_full(const ms_strpool *sp, uint32_t nslots)
{
    return (uint64_t)sp->count * 4 > (uint64_t)nslots * 3 && nslots < (1u << 31);
}

/* The table, rebuilt if the pool was sealed: sized as table_added would
 * have left it. */
static void need_table(ms_strpool *sp)
{
    if (sp->slots)
        return;
    uint32_t nslots = 1024;
    while (too_full(sp, nslots))
        nslots *= 2;
    rehash(sp, nslots);
}

/* A borrowed pool's arrays, copied into its own before it grows. */
static void own(ms_strpool *sp)
{
    if (!sp->borrowed)
        return;
    char *bytes = ms_malloc(sp->nbytes ? sp->nbytes : 1);
    memcpy(bytes, sp->bytes, sp->nbytes);
    uint64_t *off = ms_malloc((sp->count ? sp->count : 1) * sizeof *off);
    uint32_t *len = ms_malloc((sp->count ? sp->count : 1) * sizeof *len);
    memcpy(off, sp->off, (size_t)sp->count * sizeof *off);
    memcpy(len, sp->len, (size_t)sp->count * sizeof *len);
    sp->bytes = bytes;
    sp->off = off;
    sp->len = len;
    sp->capbytes = sp->nbytes;
    sp->cap = sp->count;
    sp->borrowed = false;
}

/* Makes room for `need` strings' offsets and lengths. */
static void grow_entries(ms_strpool *sp, size_t need)
{
    if (need <= sp->cap)
        return;
    size_t cap = sp->cap;
    MS_GROW(sp->off, cap, need);
    cap = sp->cap;
    MS_GROW(sp->len, cap, need);
    sp->cap = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
}

/* After an interned string took a slot: doubles the table past 3/4 full. */
static void table_added(ms_strpool *sp)
{
    if (too_full(sp, sp->nslots))
        rehash(sp, sp->nslots * 2);
}

static uint32_t add(ms_strpool *sp, const char *s, size_t n)
{
    if (sp->count == UINT32_MAX - 1 || n >= MS_STR_LABEL)
        return UINT32_MAX;
    own(sp);
    grow_entries(sp, (size_t)sp->count + 1);
    /* s may be a string of this pool (re-interning a label): growing the
     * arena moves it. */
    uintptr_t a = (uintptr_t)s, lo = (uintptr_t)sp->bytes;
    bool inside = sp->bytes && a >= lo && a < lo + sp->nbytes;
    size_t at = inside ? (size_t)(a - lo) : 0;
    MS_GROW(sp->bytes, sp->capbytes, sp->nbytes + n + 1);
    if (inside)
        s = sp->bytes + at;
    memcpy(sp->bytes + sp->nbytes, s, n);
    sp->bytes[sp->nbytes + n] = '\0';
    sp->off[sp->count] = sp->nbytes;
    sp->len[sp->count] = (uint32_t)n;
    sp->nbytes += n + 1;
    return sp->count++;
}

void ms_strpool_init(ms_strpool *sp)
{
    memset(sp, 0, sizeof *sp);
    add(sp, "", 0);
    rehash(sp, 1024);
    sp->cache = ms_calloc((size_t)1 << CACHE_BITS, sizeof *sp->cache);
    sp->lcache = ms_calloc((size_t)1 << CACHE_BITS, sizeof *sp->lcache);
}

void ms_strpool_borrow(ms_strpool *sp, char *bytes, size_t nbytes, uint64_t *off,
                       uint32_t *len, uint32_t count)
{
    memset(sp, 0, sizeof *sp);
    sp->bytes = bytes;
    sp->nbytes = sp->capbytes = nbytes;
    sp->off = off;
    sp->len = len;
    sp->count = sp->cap = count;
    sp->borrowed = true;
    sp->cache = ms_calloc((size_t)1 << CACHE_BITS, sizeof *sp->cache);
    sp->lcache = ms_calloc((size_t)1 << CACHE_BITS, sizeof *sp->lcache);
}

void ms_strpool_free(ms_strpool *sp)
{
    if (!sp->borrowed) {
        free(sp->bytes);
        free(sp->off);
        free(sp->len);
    }
    free(sp->slots);
    free(sp->cache);
    free(sp->lcache);
    memset(sp, 0, sizeof *sp);
}

/* Slot of s[0..n) in the table: the slot holding it, or the empty slot
 * where it belongs. */
static uint32_t probe(const ms_strpool *sp, const char *s, size_t n)
{
    uint64_t h = ms_hash_bytes(s, n);
    uint32_t mask = sp->nslots - 1;
    uint32_t slot = (uint32_t)h & mask;
    for (;;) {
        uint32_t i = sp->slots[slot];
        if (i == UINT32_MAX ||
            (sp->len[i] == n && memcmp(sp->bytes + sp->off[i], s, n) == 0))
            return slot;
        slot = (slot + 1) & mask;
    }
}

static uint32_t intern_slow(ms_strpool *sp, const char *s, size_t n)
{
    need_table(sp);
    uint32_t slot = probe(sp, s, n);
    if (sp->slots[slot] != UINT32_MAX)
        return sp->slots[slot];
    uint32_t i = add(sp, s, n);
    if (i == UINT32_MAX)
        return i;
    sp->slots[slot] = i;
    table_added(sp);
    return i;
}

uint32_t ms_strpool_find(const ms_strpool *sp, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (sp->slots)
        return sp->slots[probe(sp, s, n)];
    /* Sealed: interned strings are distinct, so the first equal one is it
     * (a label's length has MS_STR_LABEL set: never equal to n). */
    for (uint32_t i = 1; i < sp->count; i++)
        if (sp->len[i] == n && memcmp(sp->bytes + sp->off[i], s, n) == 0)
            return i;
    return UINT32_MAX;
}

uint32_t ms_strpool_intern(ms_strpool *sp, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (n > 16)
        return intern_slow(sp, s, n);
    uint64_t a, b;
    short_key(s, n, &a, &b);
    struct ms_strcache *c = &sp->cache[short_slot(a, b, n)];
    if (c->len == n && c->a == a && c->b == b)
        return c->idx;
    uint32_t i = intern_slow(sp, s, n);
    if (i != UINT32_MAX)
        *c = (struct ms_strcache){ a, b, (uint32_t)n, i };
    return i;
}

uint32_t ms_strpool_label(ms_strpool *sp, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    struct ms_strcache *c = NULL;
    uint64_t a = 0, b = 0;
    if (n <= 16) {
        short_key(s, n, &a, &b);
        c = &sp->lcache[short_slot(a, b, n)];
        if (c->len == n && c->a == a && c->b == b)
            return c->idx;
    }
    uint32_t i = add(sp, s, n);
    if (i == UINT32_MAX)
        return i;
    sp->len[i] |= MS_STR_LABEL;
    if (c)
        *c = (struct ms_strcache){ a, b, (uint32_t)n, i };
    return i;
}

int ms_strpool_append(ms_strpool *dst, const ms_strpool *src, uint32_t *remap)
{
    if ((uint64_t)dst->count + src->count >= UINT32_MAX - 1)
        return -1;
    own(dst);
    need_table(dst);
    size_t base = dst->nbytes;
    MS_GROW(dst->bytes, dst->capbytes, base + src->nbytes);
    memcpy(dst->bytes + base, src->bytes, src->nbytes);
    dst->nbytes += src->nbytes;
    grow_entries(dst, (size_t)dst->count + src->count);
    remap[0] = 0;
    for (uint32_t i = 1; i < src->count; i++) {
        uint32_t len = src->len[i];
        bool label = len & MS_STR_LABEL;
        if (!label) {
            uint32_t slot = probe(dst, src->bytes + src->off[i], len);
            if (dst->slots[slot] != UINT32_MAX) {
                remap[i] = dst->slots[slot];
                continue;
            }
            dst->slots[slot] = dst->count;
        }
        dst->off[dst->count] = base + src->off[i];
        dst->len[dst->count] = len;
        remap[i] = dst->count++;
        if (!label)
            table_added(dst);
    }
    return 0;
}

void ms_strpool_seal(ms_strpool *sp)
{
    own(sp);
    sp->bytes = ms_realloc_array(sp->bytes, sp->nbytes, 1);
    sp->capbytes = sp->nbytes;
    sp->off = ms_realloc_array(sp->off, sp->count, sizeof *sp->off);
    sp->len = ms_realloc_array(sp->len, sp->count, sizeof *sp->len);
    sp->cap = sp->count;
    free(sp->slots);
    sp->slots = NULL;
    sp->nslots = 0;
}

size_t ms_strpool_memory(const ms_strpool *sp)
{
    return sp->capbytes + (size_t)sp->cap * (sizeof *sp->off + sizeof *sp->len) +
           (size_t)sp->nslots * sizeof *sp->slots +
           ((size_t)2 << CACHE_BITS) * sizeof(struct ms_strcache);
}
