/* v8names.c — DevTools' interface names for plain JavaScript objects.
 *
 * DevTools (HeapSnapshot.ts: inferInterfaceDefinitions, then
 * applyInterfaceDefinitions) names plain objects after their properties:
 *   1. each plain object with a property other than __proto__ proposes
 *      "{p1, p2, ...}": its property names in edge order, each formatted
 *      (a name holding , ' " { or } is JSON-quoted), stopping before a name
 *      that would take the text past 120 UTF-16 units (the first name is
 *      always taken);
 *   2. proposals made by at least max(2, plain objects / 1000) objects
 *      become interfaces, the most proposed first (ties: first proposed
 *      first);
 *   3. each plain object takes the interface with the most properties that
 *      are all among its own (ties: the earlier interface), else stays
 *      "Object".
 * DevTools walks a tree of sorted property names for step 3; counting for
 * each object how many of each interface's properties it has gives the
 * same answer without depending on string order.
 *
 * A plain object's name (JSHeapSnapshotNode.#plainObjectName, what DevTools
 * shows beside its class) is another list of its properties: taken
 * alternately from the first and the last, while the text stays within
 * 100 UTF-16 units (the first always taken), "…" for what is left out:
 * "{a, b, …, y, z}". */
#include "v8names.h"
#include "memscope/alloc.h"
#include "memscope/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME_UNITS 120
#define MAX_PLAIN_UNITS 100

/* A growable byte buffer. */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    MS_GROW(b->p, b->cap, b->len + n + 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* DevTools' formatPropertyName: names holding , ' " { or } are quoted as
 * JSON.stringify quotes them. */
static void format_name(buf *b, const char *s, size_t n)
{
    b->len = 0;
    if (strcspn(s, ",'\"{}") >= n) {
        put(b, s, n);
        return;
    }
    put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        const char *e = NULL;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default:
            if (c < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                e = esc;
            }
        }
        if (e)
            put(b, e, strlen(e));
        else
            put(b, (const char *)&c, 1);
    }
    put(b, "\"", 1);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts a[0..n) and drops repeats; returns the new count. */
static uint32_t sort_unique(uint32_t *a, uint32_t n)
{
    qsort(a, n, sizeof *a, cmp_u32);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!k || a[k - 1] != a[i])
            a[k++] = a[i];
    return k;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

uint32_t *ms_v8_interface_names(ms_strpool *pool, const uint32_t *str, uint32_t n,
                                const uint32_t *off, const uint32_t *prop)
{
    uint32_t *out = ms_malloc(((size_t)n + 1) * sizeof *out);
    memset(out, 0xff, ((size_t)n + 1) * sizeof *out);
    if (!n)
        return out;
    /* Property names by content (a snapshot may repeat a string). */
    ms_strpool names, cands;
    ms_strpool_init(&names);
    ms_strpool_init(&cands);
    uint32_t proto = ms_strpool_intern(&names, "__proto__", 9);
    size_t nprops = off[n];
    uint32_t *canon = ms_malloc((nprops + 1) * sizeof *canon);
    for (size_t j = 0; j < nprops; j++) {
        uint32_t k = str[prop[j]];
        canon[j] = ms_strpool_intern(&names, ms_strpool_get(pool, k), ms_strpool_len(pool, k));
    }

    /* 1. Proposals. cands index 0 is "", so candidates are 1.. */
    uint32_t *count = NULL, *cstart = NULL, *cprops = NULL, *tmp = NULL;
    size_t count_cap = 0, start_cap = 0, cprops_cap = 0, tmp_cap = 0, ncprops = 0;
    buf name = { 0 }, fname = { 0 };
    for (uint32_t i = 0; i < n; i++) {
        name.len = 0;
        put(&name, "{", 1);
        size_t units = 1;
        uint32_t np = 0;
        for (uint32_t j = off[i]; j < off[i + 1]; j++) {
            if (canon[j] == proto)
                continue;
            uint32_t k = str[prop[j]];
            format_name(&fname, ms_strpool_get(pool, k), ms_strpool_len(pool, k));
            size_t fu = ms_utf16_units(fname.p, fname.len);
            if (units > 1 && units + fu > MAX_NAME_UNITS)
                break;
            if (units != 1) {
                put(&name, ", ", 2);
                units += 2;
            }
            put(&name, fname.p, fname.len);
            units += fu;
            MS_GROW(tmp, tmp_cap, (size_t)np + 1);
            tmp[np++] = canon[j];
        }
        if (!np)
            continue;
        put(&name, "}", 1);
        uint32_t before = cands.count;
        uint32_t c = ms_strpool_intern(&cands, name.p, name.len);
        if (c == UINT32_MAX)
            continue; /* cannot happen below 2^32 objects */
        if (cands.count != before) { /* a new candidate */
            MS_GROW_ZERO(count, count_cap, (size_t)c + 1);
            MS_GROW(cstart, start_cap, (size_t)c + 2);
            MS_GROW(cprops, cprops_cap, ncprops + np);
            memcpy(cprops + ncprops, tmp, np * sizeof *tmp);
            cstart[c] = (uint32_t)ncprops;
            ncprops += np;
            cstart[c + 1] = (uint32_t)ncprops;
        }
        count[c]++;
    }

    /* 2. Interfaces: the popular candidates, most proposed first. */
    uint32_t ncand = cands.count - 1, ndef = 0;
    uint64_t *key = ms_malloc(((size_t)ncand + 1) * sizeof *key);
    for (uint32_t c = 0; c < ncand; c++) /* count descending, then candidate */
        key[c] = (uint64_t)(UINT32_MAX - count[c + 1]) << 32 | (c + 1);
    qsort(key, ncand, sizeof *key, cmp_u64);
    uint32_t *order = ms_malloc(((size_t)ncand + 1) * sizeof *order);
    for (uint32_t c = 0; c < ncand; c++)
        order[c] = (uint32_t)key[c];
    free(key);
    double min_count = (double)n / 1000.0 < 2.0 ? 2.0 : (double)n / 1000.0;
    while (ndef < ncand && (double)count[order[ndef]] >= min_count)
        ndef++;

    /* 3. For each property, the interfaces having it; then each object's
     * best interface, counting its properties per interface. */
    uint32_t nnames = names.count;
    uint32_t *size = ms_calloc((size_t)ndef + 1, sizeof *size);
    uint32_t *inv_off = ms_calloc((size_t)nnames + 1, sizeof *inv_off);
    uint32_t *defprops = ms_malloc((ncprops + 1) * sizeof *defprops);
    size_t ndp = 0;
    uint32_t *dstart = ms_malloc(((size_t)ndef + 1) * sizeof *dstart);
    for (uint32_t d = 0; d < ndef; d++) {
        uint32_t c = order[d];
        dstart[d] = (uint32_t)ndp;
        memcpy(defprops + ndp, cprops + cstart[c], (cstart[c + 1] - cstart[c]) * sizeof *defprops);
        size[d] = sort_unique(defprops + ndp, cstart[c + 1] - cstart[c]);
        for (uint32_t k = 0; k < size[d]; k++)
            inv_off[defprops[ndp + k] + 1]++;
        ndp += size[d];
    }
    for (uint32_t p = 0; p < nnames; p++)
        inv_off[p + 1] += inv_off[p];
    uint32_t *inv = ms_malloc(((size_t)inv_off[nnames] + 1) * sizeof *inv);
    uint32_t *fill = ms_malloc(((size_t)nnames + 1) * sizeof *fill);
    memcpy(fill, inv_off, (size_t)nnames * sizeof *fill);
    for (uint32_t d = 0; d < ndef; d++)
        for (uint32_t k = 0; k < size[d]; k++)
            inv[fill[defprops[dstart[d] + k]]++] = d;
    uint32_t *defname = ms_malloc(((size_t)ndef + 1) * sizeof *defname);
    for (uint32_t d = 0; d < ndef; d++)
        defname[d] = ms_strpool_intern(pool, ms_strpool_get(&cands, order[d]),
                                       ms_strpool_len(&cands, order[d]));
    uint32_t *hits = ms_calloc((size_t)ndef + 1, sizeof *hits);
    uint32_t *touched = ms_malloc(((size_t)ndef + 1) * sizeof *touched);
    for (uint32_t i = 0; i < n && ndef; i++) {
        uint32_t np = off[i + 1] - off[i];
        MS_GROW(tmp, tmp_cap, (size_t)np + 1);
        memcpy(tmp, canon + off[i], np * sizeof *tmp);
        np = sort_unique(tmp, np);
        uint32_t nt = 0, best = UINT32_MAX;
        for (uint32_t k = 0; k < np; k++)
            for (uint32_t x = inv_off[tmp[k]]; x < inv_off[tmp[k] + 1]; x++)
                if (hits[inv[x]]++ == 0)
                    touched[nt++] = inv[x];
        for (uint32_t t = 0; t < nt; t++) {
            uint32_t d = touched[t];
            if (hits[d] == size[d] &&
                (best == UINT32_MAX || size[d] > size[best] || (size[d] == size[best] && d < best)))
                best = d;
            hits[d] = 0;
        }
        if (best != UINT32_MAX)
            out[i] = defname[best];
    }
    free(hits);
    free(touched);
    free(defname);
    free(fill);
    free(inv);
    free(dstart);
    free(defprops);
    free(inv_off);
    free(size);
    free(order);
    free(name.p);
    free(fname.p);
    free(tmp);
    free(cprops);
    free(cstart);
    free(count);
    free(canon);
    ms_strpool_free(&cands);
    ms_strpool_free(&names);
    return out;
}

uint32_t *ms_v8_plain_names(ms_strpool *pool, const uint32_t *str, uint32_t n,
                            const uint32_t *off, const uint32_t *prop)
{
    uint32_t *out = ms_malloc(((size_t)n + 1) * sizeof *out);
    buf name = { 0 }, fname = { 0 };
    uint32_t *back = NULL; /* properties taken from the end, last first */
    size_t bcap = 0;
    for (uint32_t o = 0; o < n; o++) {
        name.len = 0;
        put(&name, "{", 1);
        size_t su = 1, eu = 1; /* units of "{..." and "...}" so far */
        uint32_t i = off[o], j = off[o + 1], nb = 0; /* properties [i, j) left */
        bool from_end = false;
        while (i < j) {
            uint32_t k = str[prop[from_end ? j - 1 : i]];
            const char *p = ms_strpool_get(pool, k);
            size_t pn = ms_strpool_len(pool, k);
            if (pn == 9 && memcmp(p, "__proto__", 9) == 0) {
                if (from_end)
                    j--;
                else
                    i++;
                continue;
            }
            format_name(&fname, p, pn);
            size_t fu = ms_utf16_units(fname.p, fname.len);
            if (su > 1 && su + eu + fu > MAX_PLAIN_UNITS)
                break;
            if (from_end) {
                MS_GROW(back, bcap, (size_t)nb + 1);
                back[nb++] = --j;
                eu += (eu > 1 ? 2 : 0) + fu;
            } else {
                if (su > 1)
                    put(&name, ", ", 2);
                put(&name, fname.p, fname.len);
                su += (su > 1 ? 2 : 0) + fu;
                i++;
            }
            from_end = !from_end;
        }
        if (i < j)
            put(&name, ", \xe2\x80\xa6", 5); /* ", …" */
        if (nb)
            put(&name, ", ", 2);
        while (nb) {
            uint32_t k = str[prop[back[--nb]]];
            format_name(&fname, ms_strpool_get(pool, k), ms_strpool_len(pool, k));
            put(&name, fname.p, fname.len);
            if (nb)
                put(&name, ", ", 2);
        }
        put(&name, "}", 1);
        out[o] = ms_strpool_intern(pool, name.p, name.len);
    }
    free(back);
    free(name.p);
    free(fname.p);
    return out;
}
