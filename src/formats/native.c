/* native.c — reader for memscope's native dump format v1 (man/memscope-format.5).
 *
 * Accepts three spellings with one streaming scanner and no document tree:
 *   JSON Lines: an optional header {"memscope":1,"meta":{..},"roots":[..]}
 *               then one object record per line;
 *   document:   {"memscope":1, "meta":.., "roots":.., "objects":[record, ...]};
 *   array:      [record, ...];
 * Meliae's line format is the JSON Lines spelling with "address" for "id".
 * Records are parsed key by key; unknown keys are skipped (validated). */
#include "jsonl.h"
#include "memscope/alloc.h"
#include "memscope/id.h"
#include "memscope/reader.h"
#include "memscope/utf8.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABEL 1024 /* longer names and values are cut (at a UTF-8 boundary) */

/* A part of the file being read (jsonl.h). */
typedef struct reader {
    ms_jsonl_part part;     /* the scanner, the builder */
    ms_strpool *sp;
    uint64_t *refs, *weak;
    uint32_t *names;
    size_t cap_refs, cap_weak, cap_names;
    bool document;          /* an "objects" array was read: nothing may follow */
    uint32_t nstacks;       /* the header's allocation stacks ("stacks") */
} reader;

enum key {
    K_UNKNOWN, K_ID, K_ADDRESS, K_TYPE, K_SIZE, K_REFS, K_NAMES, K_WEAK, K_RC, K_GC, K_ROOT,
    K_NAME, K_VALUE, K_LEN, K_MEMSCOPE, K_META, K_ROOTS, K_OBJECTS, K_FINALIZER, K_SITE,
    K_STACKS, K_BOUND
};

static enum key key_of(const char *k, size_t n)
{
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(k, lit, n) == 0)
    switch (n) {
    case 2: return IS("id") ? K_ID : IS("rc") ? K_RC : IS("gc") ? K_GC : K_UNKNOWN;
    case 3: return IS("len") ? K_LEN : K_UNKNOWN;
    case 4:
        return IS("type") ? K_TYPE : IS("size") ? K_SIZE : IS("refs") ? K_REFS
             : IS("weak") ? K_WEAK : IS("root") ? K_ROOT : IS("name") ? K_NAME
             : IS("meta") ? K_META : IS("site") ? K_SITE : K_UNKNOWN;
    case 5:
        return IS("names") ? K_NAMES : IS("value") ? K_VALUE : IS("roots") ? K_ROOTS
             : IS("bound") ? K_BOUND : K_UNKNOWN;
    case 6: return IS("stacks") ? K_STACKS : K_UNKNOWN;
    case 7: return IS("address") ? K_ADDRESS : IS("objects") ? K_OBJECTS : K_UNKNOWN;
    case 8: return IS("memscope") ? K_MEMSCOPE : K_UNKNOWN;
    case 9: return IS("finalizer") ? K_FINALIZER : K_UNKNOWN;
    default: return K_UNKNOWN;
    }
#undef IS
}

/* The first (up to 8) bytes of the string literal lit as a little-endian
 * word, for comparing with load8(): a constant expression, so the compiler
 * keeps it in the instruction stream (a memcpy into a local made it store
 * and reload, which stalls on store forwarding). */
#define LIT_BYTE(lit, i) \
    ((i) < sizeof(lit) - 1 ? (uint64_t)(unsigned char)(lit)[(i) < sizeof(lit) ? (i) : 0] << (8 * (i)) : 0)
#define LIT_WORD(lit)                                                                    \
    (LIT_BYTE(lit, 0) | LIT_BYTE(lit, 1) | LIT_BYTE(lit, 2) | LIT_BYTE(lit, 3) |          \
     LIT_BYTE(lit, 4) | LIT_BYTE(lit, 5) | LIT_BYTE(lit, 6) | LIT_BYTE(lit, 7))

/* The common keys, quoted and followed by ':', matched with one 8-byte load
 * instead of a byte-by-byte string scan. Returns the key and sets *len to
 * the bytes it spans (colon included), or returns K_UNKNOWN with *len 0 when
 * the slow path must decide (other keys, escapes, a space before ':', fewer
 * than 8 readable bytes). */
static inline enum key key_fast(const unsigned char *p, const unsigned char *end, size_t *len)
{
    *len = 0;
    if (end - p < 8 || p[0] != '"')
        return K_UNKNOWN;
    uint64_t v = load8(p);
#define KEY(lit, k)                                                                 \
    if ((v & (~UINT64_C(0) >> (8 * (9 - sizeof(lit))))) == LIT_WORD(lit)) { \
        *len = sizeof(lit) - 1;                                                     \
        return k;                                                                   \
    }
    switch (p[1]) {
    case 'i': KEY("\"id\":", K_ID) break;
    case 't': KEY("\"type\":", K_TYPE) break;
    case 's': KEY("\"size\":", K_SIZE) break;
    case 'r': KEY("\"refs\":", K_REFS) KEY("\"rc\":", K_RC) break;
    case 'g': KEY("\"gc\":", K_GC) break;
    case 'l': KEY("\"len\":", K_LEN) break;
    case 'n': KEY("\"names\":", K_NAMES) KEY("\"name\":", K_NAME) break;
    case 'w': KEY("\"weak\":", K_WEAK) break;
    case 'v': KEY("\"value\":", K_VALUE) break;
    default: break;
    }
#undef KEY
    return K_UNKNOWN;
}

/* An id: a JSON integer, a "0x..." hex string or a decimal string. */
static int read_id_slow(reader *r, uint64_t *v, const char *what)
{
    jscan *s = &r->part.s;
    if (s->p < s->end && *s->p == '"') {
        const unsigned char *at = s->p;
        const char *str;
        size_t n;
        if (js_string_fast(s, &str, &n))
            return -1;
        int rc = ms_parse_id(str, n, v);
        if (rc < 0)
            return js_fail(s, at, "%s: \"%.*s\" is not an integer or 0x-hex id", what,
                           (int)(n > 40 ? 40 : n), str);
        if (rc > 0)
            return js_fail(s, at, "%s: larger than 2^64-1", what);
        return 0;
    }
    return js_u64_fast(s, v, what);
}

/* read_id with the usual plain integer inline. */
static inline int read_id(reader *r, uint64_t *v, const char *what)
{
    jscan *s = &r->part.s;
    if (s->p < s->end && *s->p >= '1' && *s->p <= '9')
        return js_u64_fast(s, v, what);
    return read_id_slow(r, v, what);
}

/* Reads an array of ids into *arr (capacity *cap); *count gets the length. */
static int read_id_array(reader *r, uint64_t **arr, size_t *cap, uint32_t *count, const char *what)
{
    jscan *s = &r->part.s;
    js_ws(s);
    if (s->p >= s->end || *s->p != '[')
        return js_fail(s, s->p, "%s must be an array of ids", what);
    s->p++;
    size_t n = 0;
    *count = 0;
    if (!js_empty(s, ']'))
        return 0;
    for (;;) {
        js_ws(s);
        MS_GROW(*arr, *cap, n + 1);
        if (read_id(r, &(*arr)[n], what))
            return -1;
        n++;
        if (n >= UINT32_MAX)
            return js_fail(s, s->p, "%s: too many references", what);
        int more = js_next(s, ']', "");
        if (more < 0)
            return -1;
        if (!more)
            break;
    }
    *count = (uint32_t)n;
    return 0;
}

/* Cuts a label to MAX_LABEL bytes without splitting a UTF-8 sequence. */
static size_t cut_label(const char *str, size_t n)
{
    return ms_utf8_cut(str, n, MAX_LABEL);
}

/* Interns a type or edge name (label = false) or stores an object label. */
static int intern(reader *r, const char *str, size_t n, uint32_t *out, const unsigned char *at,
                  bool label)
{
    uint32_t i = label ? ms_strpool_label(r->sp, str, n) : ms_strpool_intern(r->sp, str, n);
    if (i == UINT32_MAX)
        return js_fail(&r->part.s, at, "too many distinct strings");
    *out = i;
    return 0;
}

static int read_names(reader *r, uint32_t *count)
{
    jscan *s = &r->part.s;
    js_ws(s);
    if (s->p >= s->end || *s->p != '[')
        return js_fail(s, s->p, "names must be an array of strings or nulls");
    s->p++;
    size_t n = 0;
    *count = 0;
    if (!js_empty(s, ']'))
        return 0;
    for (;;) {
        js_ws(s);
        MS_GROW(r->names, r->cap_names, n + 1);
        const unsigned char *at = s->p;
        if (at < s->end && *at == '"') {
            const char *str;
            size_t len;
            if (js_string_fast(s, &str, &len) || intern(r, str, cut_label(str, len), &r->names[n], at, false))
                return -1;
        } else if (at < s->end && *at == 'n') {
            int v;
            if (js_literal(s, &v))
                return -1;
            if (v != 2)
                return js_fail(s, at, "names must be an array of strings or nulls");
            r->names[n] = 0;
        } else {
            return js_fail(s, at, "names must be an array of strings or nulls");
        }
        n++;
        if (n >= UINT32_MAX)
            return js_fail(s, s->p, "names: too many entries");
        int more = js_next(s, ']', "");
        if (more < 0)
            return -1;
        if (!more)
            break;
    }
    *count = (uint32_t)n;
    return 0;
}

static int read_bool01(reader *r, bool *v, const char *what)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    if (s->end - at >= 2 && (*at == '0' || *at == '1') && js_delim_fast(at[1])) {
        *v = *at == '1'; /* the usual one-digit flag */
        s->p = at + 1;
        return 0;
    }
    if (at < s->end && (*at == 't' || *at == 'f')) {
        int x;
        if (js_literal(s, &x))
            return -1;
        *v = x == 1;
        return 0;
    }
    uint64_t x;
    if (at < s->end && *at >= '0' && *at <= '9' && js_u64_fast(s, &x, what) == 0 && x <= 1) {
        *v = x == 1;
        return 0;
    }
    js_unfail(s);
    return js_fail(s, at, "%s must be true, false, 0 or 1", what);
}

static uint32_t saturate32(uint64_t x)
{
    return x > UINT32_MAX ? UINT32_MAX : (uint32_t)x;
}

/* The header's "stacks": [[FRAME, CALLER], ...], FRAME a "FILE:LINE"
 * string, CALLER null or the index of an earlier stack (so the stacks form
 * a tree, outermost frames first). Hands them to the builder. */
static int read_stacks(reader *r)
{
    jscan *s = &r->part.s;
    uint32_t *frame = NULL, *parent = NULL, n = 0;
    size_t cf = 0, cp = 0;
    if (js_expect(s, '[', "'[' to start stacks"))
        return -1;
    js_ws(s);
    if (js_empty(s, ']'))
        for (;;) {
            js_ws(s);
            const unsigned char *at = s->p;
            if (js_expect(s, '[', "'[' to start a stack [frame, caller]"))
                goto fail;
            js_ws(s);
            const unsigned char *fat = s->p;
            const char *str;
            size_t len;
            if (fat >= s->end || *fat != '"') {
                js_fail(s, fat, "stacks[%" PRIu32 "]: the frame must be a string", n);
                goto fail;
            }
            if (js_string_fast(s, &str, &len))
                goto fail;
            if (n == UINT32_MAX - 1) {
                js_fail(s, at, "stacks: more than 2^32-2 stacks");
                goto fail;
            }
            MS_GROW(frame, cf, (size_t)n + 1);
            MS_GROW(parent, cp, (size_t)n + 1);
            if (intern(r, str, cut_label(str, len), &frame[n], fat, false))
                goto fail;
            js_ws(s);
            if (js_expect(s, ',', "',' between a stack's frame and caller"))
                goto fail;
            js_ws(s);
            const unsigned char *cat = s->p;
            if (s->end - cat >= 4 && memcmp(cat, "null", 4) == 0) {
                s->p += 4;
                parent[n] = MS_NONE;
            } else {
                uint64_t c;
                if (js_u64_fast(s, &c, "stacks: caller"))
                    goto fail;
                if (c >= n) {
                    js_fail(s, cat, "stacks[%" PRIu32 "]: caller %" PRIu64 " is not an earlier "
                                    "stack", n, c);
                    goto fail;
                }
                parent[n] = (uint32_t)c;
            }
            js_ws(s);
            if (js_expect(s, ']', "']' after a stack's caller"))
                goto fail;
            n++;
            js_ws(s);
            int more = js_next(s, ']', " in stacks");
            if (more < 0)
                goto fail;
            if (!more)
                break;
        }
    r->nstacks = n;
    ms_builder_set_sites(r->part.b, frame, parent, n);
    return 0;
fail:
    free(frame);
    free(parent);
    return -1;
}

static int read_objects(reader *r);

/* What one JSON object of the dump holds so far, while its keys are read. */
typedef struct object_state {
    ms_record rec;
    const unsigned char *obj_at, *names_at;
    uint32_t seen, nnames; /* seen: a bit per key met */
    bool header, has_names, has_name;
} object_state;

/* Zeroes every field of o (and of the ms_record in it): a field added to
 * either must be added here. One by one, because a memset of the whole
 * compiles to rep stos, whose start-up cost is a few per cent of the
 * parse. */
static inline void object_init(object_state *o)
{
    o->rec.id = 0;
    o->rec.type = 0;
    o->rec.size = 0;
    o->rec.label = 0;
    o->rec.flags = 0;
#define ZERO_COLUMN(col, flag) o->rec.col = 0;
    MS_NODE_COLUMNS(ZERO_COLUMN)
#undef ZERO_COLUMN
    o->rec.refs = o->rec.weak = NULL;
    o->rec.names = NULL;
    o->rec.nrefs = o->rec.nweak = 0;
    o->obj_at = o->names_at = NULL;
    o->seen = o->nnames = 0;
    o->header = o->has_names = o->has_name = false;
}

/* Reads the key at the scanner and its colon: the fast path matches the
 * common keys with one 8-byte load, the rest go through the string reader.
 * Sets *key (K_UNKNOWN for others), *k and *kn (its text, for messages);
 * fails on a key met twice in the object. */
static int read_key(reader *r, object_state *o, enum key *key, const char **k, size_t *kn)
{
    jscan *s = &r->part.s;
    const unsigned char *key_at = s->p;
    *key = key_fast(s->p, s->end, kn);
    if (*kn) {
        *k = (const char *)s->p + 1;
        s->p += *kn;
        *kn -= 3; /* the quotes and the colon */
    } else {
        if (js_string_fast(s, k, kn))
            return -1;
        if (s->p < s->end && *s->p == ':')
            s->p++; /* the usual "key": with no space before the colon */
        else if (js_expect(s, ':', "':' after a key"))
            return -1;
        *key = key_of(*k, *kn);
    }
    if (*key != K_UNKNOWN) {
        if (o->seen & (1u << *key))
            return js_fail(s, key_at, "duplicate key \"%.*s\"", (int)*kn, *k);
        o->seen |= 1u << *key;
    }
    return 0;
}

/* The keys that hold ids: id or address, refs, weak, and names (parallel
 * to refs). */
static int read_id_key(reader *r, object_state *o, enum key key, const unsigned char *key_at)
{
    jscan *s = &r->part.s;
    switch (key) {
    case K_ID:
    case K_ADDRESS:
        if ((o->seen & (1u << K_ID)) && (o->seen & (1u << K_ADDRESS)))
            return js_fail(s, key_at, "record has both \"id\" and \"address\"");
        return read_id(r, &o->rec.id, key == K_ID ? "id" : "address");
    case K_REFS:
        return read_id_array(r, &r->refs, &r->cap_refs, &o->rec.nrefs, "refs");
    case K_WEAK:
        return read_id_array(r, &r->weak, &r->cap_weak, &o->rec.nweak, "weak");
    default: /* K_NAMES */
        o->names_at = s->p;
        o->has_names = true;
        return read_names(r, &o->nnames);
    }
}

/* The keys that hold numbers and flags: size, rc, len, bound, gc, root,
 * finalizer, site. */
static int read_number_key(reader *r, object_state *o, enum key key)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    uint64_t v;
    bool f = false;
    switch (key) {
    case K_SIZE:
        if (js_u64_fast(s, &o->rec.size, "size"))
            return -1;
        if (o->rec.size > MS_MAX_SIZE)
            return js_fail(s, at, "size: %" PRIu64 " bytes is absurd (limit 2^48)", o->rec.size);
        return 0;
    case K_RC:
    case K_LEN:
        if (js_u64_fast(s, &v, key == K_RC ? "rc" : "len"))
            return -1;
        if (key == K_RC)
            o->rec.rc = saturate32(v);
        else
            o->rec.len = saturate32(v);
        o->rec.flags |= key == K_RC ? MS_NODE_HAS_RC : MS_NODE_HAS_LEN;
        return 0;
    case K_BOUND:
        if (js_u64_fast(s, &v, "bound"))
            return -1;
        o->rec.flags |= MS_NODE_BOUNDED;
        return 0;
    case K_SITE:
        if (js_u64_fast(s, &v, "site"))
            return -1;
        if (v >= r->nstacks)
            return js_fail(s, at, "site: no stack %" PRIu64 " (the header %s)", v,
                           r->nstacks ? "has fewer" : "has no \"stacks\"");
        o->rec.site = (uint32_t)v + 1;
        return 0;
    default: /* K_GC, K_ROOT, K_FINALIZER: 0/1 flags */
        if (read_bool01(r, &f, key == K_GC ? "gc" : key == K_ROOT ? "root" : "finalizer"))
            return -1;
        if (key == K_GC)
            o->rec.flags |= MS_NODE_GC_KNOWN | (f ? MS_NODE_GC : 0);
        else if (f)
            o->rec.flags |= key == K_ROOT ? MS_NODE_ROOT : MS_NODE_FINALIZER;
        return 0;
    }
}

/* The keys that hold text: type, and name or value (a string, number or
 * literal; a name wins over a value). */
static int read_text_key(reader *r, object_state *o, enum key key)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    const char *str;
    size_t n;
    if (key == K_TYPE) {
        if (at >= s->end || *at != '"')
            return js_fail(s, at, "type must be a string");
        if (js_string_fast(s, &str, &n))
            return -1;
        if (n == 0)
            return js_fail(s, at, "type must not be empty");
        return intern(r, str, cut_label(str, n), &o->rec.type, at, false);
    }
    uint32_t label = 0;
    if (at < s->end && *at == '"') {
        if (js_string_fast(s, &str, &n) || intern(r, str, cut_label(str, n), &label, at, true))
            return -1;
    } else if (at < s->end && *at != '{' && *at != '[') {
        const unsigned char *t;
        if (js_skip(s, &t, &n))
            return -1;
        if (!(n == 4 && memcmp(t, "null", 4) == 0) &&
            intern(r, (const char *)t, cut_label((const char *)t, n), &label, at, true))
            return -1;
    } else {
        return js_fail(s, at, "%s must be a string, number or literal",
                       key == K_NAME ? "name" : "value");
    }
    if (key == K_NAME && label) {
        o->rec.label = label;
        o->rec.flags |= MS_NODE_LABEL_IS_NAME;
        o->has_name = true;
    } else if (key == K_VALUE && !o->has_name) {
        o->rec.label = label;
    }
    return 0;
}

/* The header's keys (memscope, meta, roots, stacks, and the document's
 * objects), allowed in the first object only (top); elsewhere unknown keys
 * but for "memscope", which must come first. */
static int read_header_key(reader *r, object_state *o, enum key key, bool top,
                           const unsigned char *key_at)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    if (!top) {
        if (key == K_MEMSCOPE)
            return js_fail(s, key_at, "a header (\"memscope\" key) must come first");
        return js_skip(s, NULL, NULL);
    }
    o->header = true;
    uint64_t version;
    const unsigned char *t;
    size_t n;
    uint32_t cnt;
    switch (key) {
    case K_STACKS:
        return read_stacks(r);
    case K_MEMSCOPE:
        if (js_u64_fast(s, &version, "memscope"))
            return -1;
        if (version != 1)
            return js_fail(s, at, "unsupported format version %" PRIu64
                           " (this memscope reads version 1)", version);
        return 0;
    case K_META:
        if (at >= s->end || *at != '{')
            return js_fail(s, at, "meta must be an object");
        if (js_skip(s, &t, &n))
            return -1;
        ms_builder_set_meta(r->part.b, ms_strndup((const char *)t, n));
        return 0;
    case K_ROOTS:
        if (read_id_array(r, &r->refs, &r->cap_refs, &cnt, "roots"))
            return -1;
        for (uint32_t i = 0; i < cnt; i++)
            ms_builder_add_root(r->part.b, r->refs[i]);
        return 0;
    default: /* K_OBJECTS */
        if (at >= s->end || *at != '[')
            return js_fail(s, at, "objects must be an array of records");
        r->document = true;
        return read_objects(r);
    }
}

/* Checks the object read and hands a record to the builder (or takes the
 * header). */
static int finish_object(reader *r, object_state *o, bool *was_header)
{
    jscan *s = &r->part.s;
    *was_header = o->header;
    if (o->header) {
        const uint32_t record_keys = (1u << K_ID) | (1u << K_ADDRESS) | (1u << K_TYPE) |
                                     (1u << K_SIZE) | (1u << K_REFS) | (1u << K_SITE) |
                                     (1u << K_BOUND);
        if (o->seen & record_keys)
            return js_fail(s, o->obj_at, "header mixes header keys with object record keys");
        if (!(o->seen & (1u << K_MEMSCOPE)))
            return js_fail(s, o->obj_at, "header has no \"memscope\" version key");
        ms_builder_set_header(r->part.b);
        return 0;
    }
    if (!(o->seen & ((1u << K_ID) | (1u << K_ADDRESS))))
        return js_fail(s, o->obj_at, "record has no \"id\"");
    if (!(o->seen & (1u << K_TYPE)))
        return js_fail(s, o->obj_at, "record has no \"type\"");
    if (!(o->seen & (1u << K_SIZE)))
        return js_fail(s, o->obj_at, "record has no \"size\"");
    if (o->has_names && o->nnames != o->rec.nrefs)
        return js_fail(s, o->names_at, "names and refs differ in length (%" PRIu32 " and %"
                       PRIu32 ")", o->nnames, o->rec.nrefs);
    o->rec.refs = r->refs;
    o->rec.names = o->has_names ? r->names : NULL;
    o->rec.weak = r->weak;
    ms_error e;
    if (ms_builder_add(r->part.b, &o->rec, &e) != MS_OK)
        return js_fail_error(s, o->obj_at, &e);
    return 0;
}

/* Reads one JSON object: a record, or (when top is set) possibly the header
 * or the whole document. Sets *was_header when it held header keys. */
static int read_object(reader *r, bool top, bool *was_header)
{
    jscan *s = &r->part.s;
    object_state o;
    object_init(&o);
    o.obj_at = s->p;
    if (js_expect(s, '{', "'{' to start an object record"))
        return -1;
    if (js_empty(s, '}')) {
        for (;;) {
            js_ws(s);
            const unsigned char *key_at = s->p;
            enum key key;
            const char *k;
            size_t kn;
            if (read_key(r, &o, &key, &k, &kn))
                return -1;
            js_ws(s);
            int rc;
            switch (key) {
            case K_ID: case K_ADDRESS: case K_REFS: case K_WEAK: case K_NAMES:
                rc = read_id_key(r, &o, key, key_at);
                break;
            case K_SIZE: case K_RC: case K_LEN: case K_GC: case K_ROOT: case K_FINALIZER:
            case K_SITE: case K_BOUND:
                rc = read_number_key(r, &o, key);
                break;
            case K_TYPE: case K_NAME: case K_VALUE:
                rc = read_text_key(r, &o, key);
                break;
            case K_MEMSCOPE: case K_META: case K_ROOTS: case K_OBJECTS: case K_STACKS:
                rc = read_header_key(r, &o, key, top, key_at);
                break;
            default:
                rc = js_skip(s, NULL, NULL);
                break;
            }
            if (rc)
                return -1;
            int more = js_next(s, '}', "");
            if (more < 0)
                return -1;
            if (!more)
                break;
        }
    }
    return finish_object(r, &o, was_header);
}

/* Reads an array of records: "[" record, ... "]". */
static int read_objects(reader *r)
{
    jscan *s = &r->part.s;
    if (js_expect(s, '[', "'['"))
        return -1;
    if (!js_empty(s, ']'))
        return 0;
    for (;;) {
        bool hdr;
        if (read_object(r, false, &hdr))
            return -1;
        ms_jsonl_tick(&r->part);
        int more = js_next(s, ']', " after a record");
        if (more <= 0)
            return more;
    }
}

/* Reads the first top-level value: the header, the first record, the whole
 * document, or (for '[') the array of records. */
static int read_first(reader *r)
{
    jscan *s = &r->part.s;
    int c = js_peek(s);
    if (c < 0)
        return js_fail(s, s->p, "%s: no header and no objects",
                       r->part.in->size ? "only white space" : "empty file");
    if (c == '[') {
        r->document = true;
        return read_objects(r);
    }
    if (c != '{')
        return js_fail(s, s->p, "not a memscope dump: expected '{' or '[' at the start");
    bool hdr;
    return read_object(r, true, &hdr);
}

/* The driver's head (jsonl.h): the first value; a JSON document or array
 * is the whole file. */
static int native_head(ms_jsonl_part *p)
{
    reader *r = (reader *)p;
    int rc = read_first(r);
    p->whole = r->document;
    return rc;
}

/* The driver's record: one JSON Lines record. */
static int native_record(ms_jsonl_part *p)
{
    reader *r = (reader *)p;
    jscan *s = &p->s;
    if (r->document)
        return js_fail(s, s->p, "unexpected data after the JSON %s",
                       *p->in->data == '[' ? "array" : "document");
    if (*s->p != '{') {
        char bb[16];
        return js_fail(s, s->p, "expected '{' to start an object record, found %s",
                       js_describe(s, s->p, bb, sizeof bb));
    }
    bool hdr;
    return read_object(r, false, &hdr);
}

static void native_init(ms_jsonl_part *p, const ms_jsonl_part *first)
{
    reader *r = (reader *)p;
    r->sp = ms_builder_strings(p->b);
    if (first)
        r->nstacks = ((const reader *)first)->nstacks; /* the header's, which sites name */
}

static ms_status native_join(ms_jsonl_part *p0, ms_jsonl_part *p1, ms_error *err)
{
    return ms_builder_append(p0->b, p1->b, NULL, err);
}

static void native_done(ms_jsonl_part *p)
{
    reader *r = (reader *)p;
    free(r->refs);
    free(r->weak);
    free(r->names);
}

/* memscope_dump.py's records take about 100 to 150 bytes (an object with
 * its type, size and a reference or two). */
static const ms_jsonl_reader native_jsonl = {
    .part_size = sizeof(reader),
    .record_bytes = 100,
    .refs_per_record = 2,
    .init = native_init,
    .head = native_head,
    .record = native_record,
    .join = native_join,
    .done = native_done,
};

/* The reader (reader.h): the JSON Lines driver, with the header (or the
 * whole document) read first. */
static ms_status read_native(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                             ms_error *err)
{
    reader r[2];
    ms_status st = ms_jsonl_read(&native_jsonl, r, in, opts, err);
    *out = st == MS_OK ? r[0].part.b : NULL;
    if (st == MS_OK)
        native_done(&r[0].part);
    return st;
}

/* Offset of the k-th record (0-based), walked again from the top with the
 * scanner's skip: the records of an array or of a document's "objects",
 * else the values after the header (if the first value is one). */
static size_t record_offset(const ms_input *in, uint32_t k)
{
    jscan s;
    js_init(&s, in, NULL);
    bool in_array = js_peek(&s) == '[';
    if (in_array) {
        s.p++;
    } else if (js_peek(&s) == '{') {
        const unsigned char *first = s.p;
        bool header = false;
        s.p++;
        for (int more = js_empty(&s, '}'); more > 0; more = js_next(&s, '}', "")) {
            const char *key;
            size_t kn;
            js_ws(&s);
            if (js_string(&s, &key, &kn) || js_expect(&s, ':', "':'"))
                break;
            js_ws(&s);
            header |= kn == 8 && memcmp(key, "memscope", 8) == 0;
            if (kn == 7 && memcmp(key, "objects", 7) == 0 && js_peek(&s) == '[') {
                s.p++;
                in_array = true;
                break;
            }
            if (js_skip(&s, NULL, NULL))
                break;
        }
        if (!header && !in_array)
            s.p = first; /* no header: the first value is record 0 */
    }
    size_t off = ms_jsonl_record_offset(&s, k, in_array, NULL);
    js_free(&s);
    return off;
}

/* The reader table's where: FILE:LINE:COL of the k-th record. */
static void native_where(const ms_input *in, uint32_t k, char *buf, size_t n)
{
    ms_input_where(in, record_offset(in, k), buf, n);
}

/* Anything the other formats do not claim is read as this one. */
static bool native_sniff(const unsigned char *p, size_t n)
{
    (void)p;
    (void)n;
    return true;
}

const ms_reader ms_reader_native = { "native", native_sniff, read_native, native_where, false,
                                     false };
