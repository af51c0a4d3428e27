/* ruby.c — reader for Ruby's ObjectSpace.dump_all (JSON Lines; see
 * docs/ruby-dumps.md).
 *
 * ROOT records ({"type":"ROOT","root":KIND,"references":[..]}) are not
 * objects: their references become roots named by KIND. Every other record
 * is an object: "address" (a hex string) is its id, "references" its
 * edges, its "class" one more edge named "class" (the GC marks it),
 * "memsize" its size; "value" (strings, symbols) or "name" (classes,
 * modules) its label, "bytesize", "length" or "size" its length, "file",
 * "line" and "method" (allocation tracing) its site "FILE:LINE in METHOD",
 * and "generation" is kept.
 *
 * The type is the class's name, as Ruby's obj.class.inspect would print
 * it, known only once the CLASS and MODULE records are read (they may come
 * after their instances): the reader remembers each object's class address
 * and sets types at the end. A singleton class stands for its real class
 * ("real_class_name", else its superclass chain); a class without a name
 * is "#<Class:0x0000…>", a singleton's own name "#<Class:X>" with X its
 * attached object (the object among its references whose class it is).
 * Objects outside the class tree (IMEMO, NODE, ICLASS, ...) take their
 * Ruby type; an IMEMO's imemo_type is its label.
 *
 * Roles, for the leak suspects: classes and modules hold (their constants,
 * class variables and methods are the program's own structure: never a
 * suspect, followed down), and the VM's internal objects (IMEMO, ICLASS,
 * NODE) are engine bookkeeping, reported at the object that owns them.
 * Named classes and modules, the VM's objects, symbols and the allocation
 * tracer's table are the runtime's baseline (is_baseline); a singleton or
 * anonymous class is made at run time, and is not. */
#include "jsonl.h"
#include "memscope/alloc.h"
#include "memscope/id.h"
#include "memscope/parallel.h"
#include "memscope/reader.h"
#include "memscope/utf8.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABEL 1024 /* longer values are cut (at a UTF-8 boundary) */

/* A CLASS or MODULE record. */
typedef struct rclass {
    uint64_t addr, super;
    uint32_t node;        /* its node */
    uint32_t name, real;  /* "name", "real_class_name" (0 = none) */
    uint32_t attached;    /* singleton: the node it is attached to, or MS_NONE */
    uint32_t shown;       /* its inspect text, once made (0 = not yet) */
    bool singleton, module;
} rclass;

/* A part of the file being read (jsonl.h). */
typedef struct rreader {
    ms_jsonl_part part;     /* the scanner, the builder */
    ms_strpool *sp;
    uint64_t *refs;
    uint32_t *names;
    size_t cap_refs, cap_names;
    uint64_t *cls;          /* [node] class address, 0 = none */
    uint32_t *rtype;        /* [node] Ruby type (string) */
    uint8_t *base;          /* [node] of the runtime's baseline (is_baseline) */
    size_t cap_nodes;
    uint32_t n;             /* objects read */
    rclass *classes;
    uint32_t nclasses;
    size_t cap_classes;
    uint32_t *cmap;         /* address -> class + 1, open addressing */
    uint32_t cmask;
    uint32_t *frame_stack;  /* [string] site frame -> stack + 1 */
    uint32_t nframe_stack;
    uint32_t *frames;       /* the stacks (one frame each) */
    uint32_t nframes;
    size_t cap_frames;
    uint32_t s_class;       /* "class", the edge name */
    uint32_t s_root, s_klass, s_module; /* "ROOT", "CLASS", "MODULE" */
    uint32_t s_imemo, s_iclass, s_node, s_symbol, s_data; /* more Ruby types */
    uint32_t s_tracer;      /* the allocation tracer's DATA struct name */
    const struct key_table *keys; /* the hot keys (hot_table) */
} rreader;

/* One record while its keys are read. */
typedef struct rrecord {
    ms_record rec;
    const unsigned char *at;
    uint64_t cls, super;
    uint32_t rtype, root, name, value, real, imemo, strct;
    uint32_t file, method;
    uint64_t line;
    bool has_address, has_type, has_refs, singleton, has_line, fstring;
} rrecord;

/* Parses a hex address string "0x7f..." (the scanner is at its quote):
 * up to 16 digits eight at a time for the usual spelling, else through
 * the string reader. */
static int read_address(rreader *r, uint64_t *v, const char *what)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    if (s->end - at > 20 && at[0] == '"' && at[1] == '0' && at[2] == 'x') {
        uint64_t w1 = load8(at + 3), m1 = nonhex(w1), w2 = 0;
        unsigned k; /* digits */
        if (m1) {
            k = (unsigned)__builtin_ctzll(m1) / 8;
        } else {
            w2 = load8(at + 11);
            uint64_t m2 = nonhex(w2);
            k = 8 + (m2 ? (unsigned)__builtin_ctzll(m2) / 8 : 8);
        }
        if (k && at[3 + k] == '"') {
            *v = k <= 8 ? hex8(k == 8 ? w1 : w1 << 8 * (8 - k))
                        : hex8(w1) << 4 * (k - 8) | hex8(k == 16 ? w2 : w2 << 8 * (16 - k));
            s->p = at + 4 + k;
            return 0;
        }
    }
    const char *str;
    size_t n;
    if (at >= s->end || *at != '"')
        return js_fail(s, at, "%s: expected a hex address string like \"0x7f…\"", what);
    if (js_string_fast(s, &str, &n))
        return -1;
    bool hex = n > 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X');
    if (!hex || n - 2 > 16 || ms_parse_id(str, n, v) != 0)
        return js_fail(s, at, "%s: \"%.*s\" is not a hex address", what, (int)(n < 40 ? n : 40),
                       str);
    return 0;
}

/* Whether an address names a heap slot: Ruby's special constants (nil,
 * true, false, fixnums, flonums, static symbols) are small or not aligned. */
static inline bool heap_address(uint64_t a)
{
    return a >= 4096 && (a & 7) == 0;
}

static int read_addresses(rreader *r, uint32_t *count, const char *what)
{
    jscan *s = &r->part.s;
    *count = 0;
    if (js_expect(s, '[', "'[' to start an array of addresses"))
        return -1;
    if (!js_empty(s, ']'))
        return 0;
    for (;;) {
        js_ws(s);
        if ((size_t)*count + 2 > r->cap_refs) /* + the class */
            MS_GROW(r->refs, r->cap_refs, (size_t)*count + 2);
        if (read_address(r, &r->refs[*count], what))
            return -1;
        if (heap_address(r->refs[*count]))
            (*count)++;
        int more = js_next(s, ']', "");
        if (more <= 0)
            return more;
    }
}

/* Interns string text at the scanner (label: cut and stored as a label). */
static int read_str(rreader *r, uint32_t *out, bool label, const char *what)
{
    jscan *s = &r->part.s;
    const unsigned char *at = s->p;
    const char *str;
    size_t n;
    if (at >= s->end || *at != '"')
        return js_fail(s, at, "%s must be a string", what);
    if (js_string_fast(s, &str, &n))
        return -1;
    if (label)
        n = ms_utf8_cut(str, n, MAX_LABEL);
    uint32_t i = label ? ms_strpool_label(r->sp, str, n) : ms_strpool_intern(r->sp, str, n);
    if (i == UINT32_MAX)
        return js_fail(s, at, "too many distinct strings");
    *out = i;
    return 0;
}

enum rkey { RK_OTHER, RK_ADDRESS, RK_TYPE, RK_CLASS, RK_SUPERCLASS, RK_REFERENCES, RK_MEMSIZE,
            RK_LEN, RK_GENERATION, RK_LINE, RK_ROOT, RK_NAME, RK_VALUE, RK_REAL, RK_IMEMO,
            RK_FILE, RK_METHOD, RK_SINGLETON, RK_FLAGS, RK_STRUCT, RK_FSTRING };

/* The key k (kn bytes) as an rkey: by length, then the text. */
static enum rkey key_of(const char *k, size_t kn)
{
#define IS(lit, v) if (memcmp(k, lit, kn) == 0) return v
    switch (kn) {
    case 4:
        IS("type", RK_TYPE); IS("line", RK_LINE); IS("root", RK_ROOT); IS("name", RK_NAME);
        IS("file", RK_FILE); IS("size", RK_LEN);
        break;
    case 5:
        IS("class", RK_CLASS); IS("value", RK_VALUE); IS("flags", RK_FLAGS);
        break;
    case 6:
        IS("length", RK_LEN); IS("method", RK_METHOD); IS("struct", RK_STRUCT);
        break;
    case 7:
        IS("address", RK_ADDRESS); IS("memsize", RK_MEMSIZE); IS("fstring", RK_FSTRING);
        break;
    case 8:
        IS("bytesize", RK_LEN);
        break;
    case 9:
        IS("singleton", RK_SINGLETON);
        break;
    case 10:
        IS("superclass", RK_SUPERCLASS); IS("references", RK_REFERENCES);
        IS("generation", RK_GENERATION); IS("imemo_type", RK_IMEMO);
        break;
    case 15:
        IS("real_class_name", RK_REAL);
        break;
    }
    return RK_OTHER;
#undef IS
}

/* The keys dump_all writes most, matched with no scan for the key's end:
 * the key's first four bytes pick a slot (a multiplier found at start to
 * place these keys one to a slot), and the slot's key must then equal the
 * bytes, followed by '":'. Keys not here, or written otherwise (escaped,
 * spaced), take the general path. */
#define KEY_BITS 7
static const char *const hot_keys[] = {
    "address", "type", "class", "frozen", "embedded", "fstring", "bytesize", "value",
    "encoding", "memsize", "flags", "references", "ivars", "length", "imemo_type",
    "superclass", "capacity", "singleton", "real_class_name", "name", "shared", "struct",
    "size", "root", "file", "line", "method", "generation", "wb_protected", "old",
    "uncollectible", "marked", NULL
};

typedef struct hot_key {
    uint64_t a, b, ma, mb; /* the key's bytes (zero-padded) and their masks */
    uint32_t len;
    uint8_t key;           /* an rkey */
} hot_key;

typedef struct key_table {
    uint32_t mul;
    hot_key slot[1 << KEY_BITS];
} key_table;

static inline uint32_t key_slot(const key_table *t, const unsigned char *k)
{
    uint32_t w;
    memcpy(&w, k, 4);
    return (w * t->mul) >> (32 - KEY_BITS);
}

static key_table hot_table;
static pthread_once_t hot_table_once = PTHREAD_ONCE_INIT;

/* Fills hot_table with the hot keys, each in its own slot: tries
 * multipliers (0x587fd281 works for these keys) until one places them all,
 * or gives up after a thousand and leaves out those that collide (slower,
 * as correct). Once per process (pthread_once). */
static void key_table_init(void)
{
    key_table *t = &hot_table;
    t->mul = 0x587fd281u;
    for (int tries = 0; tries < 1000; tries++) {
        bool all = true;
        for (size_t i = 0; i < sizeof t->slot / sizeof *t->slot; i++)
            t->slot[i] = (hot_key){ .a = 1, .ma = 0 }; /* matches nothing */
        for (size_t i = 0; hot_keys[i]; i++) {
            unsigned char k[24];
            size_t n = strlen(hot_keys[i]);
            memset(k, 0, sizeof k);
            memcpy(k, hot_keys[i], n);
            k[n] = '"';
            k[n + 1] = ':';
            hot_key *e = &t->slot[key_slot(t, k)];
            if (e->ma) {
                all = false;
                continue;
            }
            memset(k + n, 0, 2);
            *e = (hot_key){ .a = load8(k), .b = load8(k + 8),
                            .ma = n >= 8 ? ~0ULL : (1ULL << (8 * n)) - 1,
                            .mb = n >= 16 ? ~0ULL : n <= 8 ? 0 : (1ULL << (8 * (n - 8))) - 1,
                            .len = (uint32_t)n, .key = (uint8_t)key_of(hot_keys[i], n) };
        }
        if (all)
            return;
        t->mul = t->mul * 0x9e3779b9u + 0x7f4a7c16u;
        t->mul |= 1;
    }
}

/* The hot key at p (its opening quote; 24 readable bytes), or NULL. */
static inline const hot_key *hot_key_at(const key_table *t, const unsigned char *p)
{
    const hot_key *e = &t->slot[key_slot(t, p + 1)];
    bool same = ((load8(p + 1) & e->ma) == e->a) & ((load8(p + 9) & e->mb) == e->b) &
                (p[1 + e->len] == '"') & (p[2 + e->len] == ':');
    return same ? e : NULL;
}

/* The length of the true, false or unsigned number of 1 to 7 digits at p
 * when a delimiter follows it, else 0 (p has 8 readable bytes). */
static unsigned short_literal(const unsigned char *p)
{
    unsigned k = 0;
    uint64_t nd = nondigits(load8(p));
    if (memcmp(p, "true", 4) == 0)
        k = 4;
    else if (memcmp(p, "false", 5) == 0)
        k = 5;
    else if (*p >= '1' && *p <= '9' && nd)
        k = (unsigned)__builtin_ctzll(nd) / 8;
    return k && js_delim_fast(p[k]) ? k : 0;
}

/* Skips "flags", an object of true/false values: hot keys and literals
 * inline; anything else through the scanner's skip, which validates. */
static int skip_flags(rreader *r)
{
    jscan *s = &r->part.s;
    const unsigned char *p = s->p, *end = s->end;
    if (p < end && *p == '{') {
        p++;
        for (;;) {
            p += p < end && *p == ' ';
            if (end - p < 32 || *p != '"')
                break;
            const hot_key *e = hot_key_at(r->keys, p);
            if (!e)
                break;
            const unsigned char *q = p + e->len + 3;
            unsigned k = short_literal(q);
            if (!k)
                break;
            q += k;
            if (*q == '}') {
                s->p = q + 1;
                return 0;
            }
            if (*q != ',')
                break;
            p = q + 1;
        }
    }
    return js_skip(s, NULL, NULL);
}

/* Skips a value of a key not read: short literals ("frozen":true,
 * "ivars":3) inline, anything else through the scanner's skip, which
 * validates. */
static int skip_plain(jscan *s)
{
    unsigned k = s->end - s->p >= 8 ? short_literal(s->p) : 0;
    if (k) {
        s->p += k;
        return 0;
    }
    return js_skip(s, NULL, NULL);
}

/* Reads a number of at most 32 bits, saturated, for key what. */
static int read_u32(rreader *r, uint32_t *out, const char *what)
{
    uint64_t v;
    if (js_u64_fast(&r->part.s, &v, what))
        return -1;
    *out = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    return 0;
}

/* Reads the value of key `key` into o. */
static int read_value(rreader *r, rrecord *o, enum rkey key)
{
    jscan *s = &r->part.s;
    bool str = s->p < s->end && *s->p == '"';
    switch (key) {
    case RK_ADDRESS:
        o->has_address = true;
        return read_address(r, &o->rec.id, "address");
    case RK_TYPE:
        o->has_type = true;
        return read_str(r, &o->rtype, false, "type");
    case RK_CLASS:
        if (read_address(r, &o->cls, "class"))
            return -1;
        if (!heap_address(o->cls))
            o->cls = 0;
        return 0;
    case RK_SUPERCLASS:
        return read_address(r, &o->super, "superclass");
    case RK_REFERENCES:
        o->has_refs = true;
        return read_addresses(r, &o->rec.nrefs, "references");
    case RK_MEMSIZE:
        if (js_u64_fast(s, &o->rec.size, "memsize"))
            return -1;
        if (o->rec.size > MS_MAX_SIZE)
            return js_fail(s, s->p, "memsize: %" PRIu64 " bytes is absurd", o->rec.size);
        return 0;
    case RK_LEN:
        if (js_peek(s) < '0' || js_peek(s) > '9')
            return js_skip(s, NULL, NULL); /* a STRUCT's "size" may be absent or odd */
        o->rec.flags |= MS_NODE_HAS_LEN;
        return read_u32(r, &o->rec.len, "length");
    case RK_GENERATION:
        if (read_u32(r, &o->rec.gen, "generation"))
            return -1;
        o->rec.gen += o->rec.gen < UINT32_MAX; /* stored + 1: 0 is "unknown" */
        return 0;
    case RK_LINE:
        o->has_line = true;
        return js_u64(s, &o->line, "line");
    case RK_ROOT:
        return read_str(r, &o->root, false, "root");
    case RK_NAME:
        return str ? read_str(r, &o->name, true, "name") : js_skip(s, NULL, NULL);
    case RK_VALUE:
        return str ? read_str(r, &o->value, true, "value") : js_skip(s, NULL, NULL);
    case RK_REAL:
        return str ? read_str(r, &o->real, false, "real_class_name") : js_skip(s, NULL, NULL);
    case RK_IMEMO:
        return str ? read_str(r, &o->imemo, true, "imemo_type") : js_skip(s, NULL, NULL);
    case RK_STRUCT:
        return str ? read_str(r, &o->strct, false, "struct") : js_skip(s, NULL, NULL);
    case RK_FILE:
        return str ? read_str(r, &o->file, false, "file") : js_skip(s, NULL, NULL);
    case RK_METHOD:
        return str ? read_str(r, &o->method, false, "method") : js_skip(s, NULL, NULL);
    case RK_SINGLETON:
    case RK_FSTRING: {
        const unsigned char *t;
        size_t n;
        if (js_skip(s, &t, &n))
            return -1;
        *(key == RK_SINGLETON ? &o->singleton : &o->fstring) = n == 4 && memcmp(t, "true", 4) == 0;
        return 0;
    }
    case RK_FLAGS:
        return skip_flags(r);
    default:
        if (str) {
            const char *t;
            size_t n;
            return js_string_fast(s, &t, &n);
        }
        return skip_plain(s);
    }
}

static uint32_t frame_stack(rreader *r, uint32_t f);

/* The stack (one frame, "FILE:LINE in METHOD") of a traced object, + 1. */
static uint32_t site_of(rreader *r, rrecord *o)
{
    if (!o->file || !o->has_line)
        return 0;
    const char *file = ms_strpool_get(r->sp, o->file);
    const char *method = o->method ? ms_strpool_get(r->sp, o->method) : NULL;
    char buf[1200];
    int len = snprintf(buf, sizeof buf, "%s:%" PRIu64 "%s%s", file, o->line,
                       method ? " in " : "", method ? method : "");
    size_t n = len < 0 ? 0 : (size_t)len < sizeof buf ? (size_t)len : sizeof buf - 1;
    uint32_t f = ms_strpool_intern(r->sp, buf, n);
    return f == UINT32_MAX ? 0 : frame_stack(r, f);
}

/* The stack (+ 1) of frame string f, made when new. */
static uint32_t frame_stack(rreader *r, uint32_t f)
{
    if (f >= r->nframe_stack) {
        uint32_t cap = f + 1 + (f >> 1);
        r->frame_stack = ms_realloc_array(r->frame_stack, cap, sizeof *r->frame_stack);
        memset(r->frame_stack + r->nframe_stack, 0,
               (size_t)(cap - r->nframe_stack) * sizeof *r->frame_stack);
        r->nframe_stack = cap;
    }
    if (!r->frame_stack[f]) {
        MS_GROW(r->frames, r->cap_frames, (size_t)r->nframes + 1);
        r->frames[r->nframes++] = f;
        r->frame_stack[f] = r->nframes;
    }
    return r->frame_stack[f];
}

static void class_map_put(rreader *r, uint64_t addr, uint32_t c)
{
    if ((uint64_t)r->nclasses * 2 >= (uint64_t)r->cmask + 1 || !r->cmap) {
        uint32_t size = r->cmap ? (r->cmask + 1) * 2 : 1024;
        free(r->cmap);
        r->cmap = ms_calloc(size, sizeof *r->cmap);
        r->cmask = size - 1;
        for (uint32_t i = 0; i < r->nclasses; i++) {
            uint32_t h = (uint32_t)((r->classes[i].addr * 0x9e3779b97f4a7c15ull) >> 32) & r->cmask;
            while (r->cmap[h])
                h = (h + 1) & r->cmask;
            r->cmap[h] = i + 1;
        }
        return; /* c was appended already: rebuilding placed it */
    }
    uint32_t h = (uint32_t)((addr * 0x9e3779b97f4a7c15ull) >> 32) & r->cmask;
    while (r->cmap[h])
        h = (h + 1) & r->cmask;
    r->cmap[h] = c + 1;
}

static rclass *class_at(const rreader *r, uint64_t addr)
{
    if (!r->cmap || !addr)
        return NULL;
    uint32_t h = (uint32_t)((addr * 0x9e3779b97f4a7c15ull) >> 32) & r->cmask;
    for (; r->cmap[h]; h = (h + 1) & r->cmask)
        if (r->classes[r->cmap[h] - 1].addr == addr)
            return &r->classes[r->cmap[h] - 1];
    return NULL;
}

/* A ROOT record: its references become roots named by its kind. */
static int finish_root(rreader *r, rrecord *o)
{
    if (!o->has_refs)
        return js_fail(&r->part.s, o->at, "ROOT record has no \"references\"");
    if (!o->root)
        return js_fail(&r->part.s, o->at, "ROOT record has no \"root\" kind");
    for (uint32_t i = 0; i < o->rec.nrefs; i++)
        ms_builder_add_named_root(r->part.b, r->refs[i], o->root);
    return 0;
}

/* Whether record o is of the runtime's baseline (MS_ROLE_BASELINE): the
 * VM's own objects (an IMEMO other than a block's captured environment,
 * an ICLASS, a NODE), symbols, interned frozen strings (fstring: the
 * program's literals), and the allocation tracer's table
 * (ObjectSpace.trace_object_allocations: a DATA object whose memsize is
 * the tracer's whole table, often half the heap). Classes and modules are
 * marked with the roles. */
static bool is_baseline(const rreader *r, const rrecord *o)
{
    uint32_t t = o->rtype;
    bool env = o->imemo && strcmp(ms_strpool_get(r->sp, o->imemo), "env") == 0;
    return (t == r->s_imemo && !env) || t == r->s_iclass || t == r->s_node || o->fstring ||
           t == r->s_symbol || (t == r->s_data && o->strct && o->strct == r->s_tracer);
}

/* An object record: to the builder, its class remembered for the types. */
static int finish_object(rreader *r, rrecord *o)
{
    jscan *s = &r->part.s;
    if (!o->has_address)
        return js_fail(s, o->at, "record has no \"address\"");
    if (!o->has_type)
        return js_fail(s, o->at, "record has no \"type\"");
    uint32_t nrefs = o->rec.nrefs;
    if ((size_t)nrefs + 1 > r->cap_names)
        MS_GROW(r->names, r->cap_names, (size_t)nrefs + 1);
    memset(r->names, 0, (size_t)nrefs * sizeof *r->names);
    if (o->cls) {
        if ((size_t)nrefs + 1 > r->cap_refs)
            MS_GROW(r->refs, r->cap_refs, (size_t)nrefs + 1);
        r->refs[nrefs] = o->cls;
        r->names[nrefs] = r->s_class;
        o->rec.nrefs++;
    }
    o->rec.refs = r->refs;
    o->rec.names = r->names;
    o->rec.type = o->rtype;
    o->rec.site = site_of(r, o);
    if (o->name) {
        o->rec.label = o->name;
        o->rec.flags |= MS_NODE_LABEL_IS_NAME;
    } else {
        o->rec.label = o->value ? o->value : o->imemo ? o->imemo : o->strct;
    }
    bool is_class = o->rtype == r->s_klass, is_module = o->rtype == r->s_module;
    if (is_class || is_module) {
        MS_GROW(r->classes, r->cap_classes, (size_t)r->nclasses + 1);
        r->classes[r->nclasses] = (rclass){ o->rec.id, o->super, r->n, o->name, o->real, MS_NONE,
                                            0, o->singleton, is_module };
        r->nclasses++;
        class_map_put(r, o->rec.id, r->nclasses - 1);
    }
    ms_error e;
    if (ms_builder_add(r->part.b, &o->rec, &e) != MS_OK)
        return js_fail_error(s, o->at, &e);
    if (r->n >= r->cap_nodes) {
        r->cap_nodes = r->cap_nodes ? r->cap_nodes * 2 : 4096;
        r->cls = ms_realloc_array(r->cls, r->cap_nodes, sizeof *r->cls);
        r->rtype = ms_realloc_array(r->rtype, r->cap_nodes, sizeof *r->rtype);
        r->base = ms_realloc_array(r->base, r->cap_nodes, 1);
    }
    r->cls[r->n] = o->cls;
    r->rtype[r->n] = o->rtype;
    r->base[r->n] = is_baseline(r, o);
    r->n++;
    return 0;
}

/* Reads one record (the scanner is at its '{'). */
static int read_record(rreader *r)
{
    jscan *s = &r->part.s;
    rrecord o; /* zeroed field by field: cheaper than a block clear per record */
    o.rec.id = o.rec.size = 0;
    o.rec.type = o.rec.label = 0;
#define ZERO_COLUMN(col, flag) o.rec.col = 0;
    MS_NODE_COLUMNS(ZERO_COLUMN)
#undef ZERO_COLUMN
    o.rec.flags = 0;
    o.rec.refs = o.rec.weak = NULL;
    o.rec.names = NULL;
    o.rec.nrefs = o.rec.nweak = 0;
    o.at = s->p;
    o.cls = o.super = o.line = 0;
    o.rtype = o.root = o.name = o.value = o.real = o.imemo = o.strct = o.file = o.method = 0;
    o.has_address = o.has_type = o.has_refs = o.singleton = o.has_line = o.fstring = false;
    if (js_expect(s, '{', "'{' to start a record"))
        return -1;
    if (js_empty(s, '}'))
        for (;;) {
            enum rkey key;
            const unsigned char *p = s->p + (s->p < s->end && *s->p == ' ');
            const hot_key *e = s->end - p >= 32 && *p == '"' ? hot_key_at(r->keys, p) : NULL;
            if (e) {
                key = (enum rkey)e->key;
                s->p = p + e->len + 3;
            } else {
                const char *k;
                size_t kn;
                js_ws(s);
                if (js_string_fast(s, &k, &kn))
                    return -1;
                key = key_of(k, kn);
                if (s->p < s->end && *s->p == ':')
                    s->p++;
                else if (js_expect(s, ':', "':' after a key"))
                    return -1;
            }
            js_ws(s);
            if (read_value(r, &o, key))
                return -1;
            int more = js_next(s, '}', "");
            if (more < 0)
                return -1;
            if (!more)
                break;
        }
    if (o.has_type && o.rtype == r->s_root)
        return finish_root(r, &o);
    return finish_object(r, &o);
}

/* The inspect text of class c (Ruby's Class#inspect), made once. */
static uint32_t class_shown(rreader *r, rclass *c, int depth);

/* Ruby's inspect of node k, as a singleton's attached object. */
static void attached_text(rreader *r, uint32_t k, char *buf, size_t n, int depth)
{
    rclass *c = class_at(r, ms_builder_heap(r->part.b)->id[k]);
    if (c) {
        snprintf(buf, n, "%s", ms_strpool_get(r->sp, class_shown(r, c, depth + 1)));
        return;
    }
    const char *type = ms_strpool_get(r->sp, ms_builder_heap(r->part.b)->type[k]);
    snprintf(buf, n, "#<%s:0x%016" PRIx64 ">", type, ms_builder_heap(r->part.b)->id[k]);
}

static uint32_t class_shown(rreader *r, rclass *c, int depth)
{
    if (c->shown)
        return c->shown;
    char buf[600], inner[500];
    if (c->name) { /* a label: types need the interned string */
        const char *name = ms_strpool_get(r->sp, c->name);
        c->shown = ms_strpool_intern(r->sp, name, strlen(name));
        return c->shown == UINT32_MAX ? (c->shown = 0) : c->shown;
    }
    if (c->singleton && c->attached != MS_NONE && depth < 8) {
        attached_text(r, c->attached, inner, sizeof inner, depth);
        snprintf(buf, sizeof buf, "#<Class:%s>", inner);
    } else {
        snprintf(buf, sizeof buf, "#<%s:0x%016" PRIx64 ">", c->module ? "Module" : "Class",
                 c->addr);
    }
    c->shown = ms_strpool_intern(r->sp, buf, strlen(buf));
    if (c->shown == UINT32_MAX)
        c->shown = 0;
    return c->shown;
}

/* The type of an object whose class is c: the real class's name (a
 * singleton's real_class_name, else up its superclass chain). */
static uint32_t class_type(rreader *r, rclass *c)
{
    for (int i = 0; c && c->singleton && i < 64; i++) {
        if (c->real)
            return c->real;
        c = class_at(r, c->super);
    }
    return c ? class_shown(r, c, 0) : 0;
}

/* set_types' state, shared by its two passes over node ranges. */
typedef struct types_job {
    rreader *r;
    uint32_t outside[8];   /* the Ruby types outside the class tree */
    uint32_t *cls;         /* [node] classes[cls - 1], 0 = none */
    uint32_t *attached[2]; /* [class] a part's first instance, MS_NONE = none */
    uint32_t *ctype;       /* [class + 1] the type it gives its objects */
    uint8_t *role;         /* [node] */
    int parts;
} types_job;

static void part_range(const types_job *j, int part, uint32_t *lo, uint32_t *hi)
{
    *lo = (uint32_t)((uint64_t)j->r->n * (uint64_t)part / (uint64_t)j->parts);
    *hi = (uint32_t)((uint64_t)j->r->n * (uint64_t)(part + 1) / (uint64_t)j->parts);
}

/* Pass 1: each object's class (looked up once), its role if outside the
 * class tree, and each singleton's first instance in this range. */
static void classes_part(void *ctx, int part)
{
    types_job *j = ctx;
    rreader *r = j->r;
    uint32_t lo, hi, *att = j->attached[part];
    part_range(j, part, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        bool out = false;
        for (size_t i = 0; j->outside[i] && !out; i++)
            out = r->rtype[k] == j->outside[i];
        rclass *c = out ? NULL : class_at(r, r->cls[k]);
        j->cls[k] = c ? (uint32_t)(c - r->classes) + 1 : 0;
        j->role[k] = (out ? MS_ROLE_ENGINE : 0) | (r->base[k] ? MS_ROLE_BASELINE : 0);
        if (c && c->singleton && att[c - r->classes] == MS_NONE)
            att[c - r->classes] = k;
    }
}

/* Pass 2: each object's type, from its class. */
static void types_part(void *ctx, int part)
{
    types_job *j = ctx;
    uint32_t lo, hi;
    part_range(j, part, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++)
        if (j->cls[k] && j->ctype[j->cls[k]])
            ms_builder_set_type(j->r->part.b, k, j->ctype[j->cls[k]]);
}

/* Sets every object's type and role and every class's label, now that all
 * classes are known: two passes over the objects, split between threads,
 * around the work per class. */
static void set_types(rreader *r)
{
    static const char *const outside[] = { "IMEMO", "NODE", "ICLASS", "ZOMBIE", "MOVED",
                                           "NONE", "UNDEF", NULL };
    types_job j = { .r = r, .parts = r->n >= 65536 ? ms_parallel_tasks() : 1 };
    j.parts = j.parts > 2 ? 2 : j.parts;
    for (size_t i = 0; outside[i]; i++)
        j.outside[i] = ms_strpool_intern(r->sp, outside[i], strlen(outside[i]));
    j.cls = ms_malloc((r->n ? r->n : 1) * sizeof *j.cls);
    j.role = ms_malloc(r->n ? r->n : 1);
    for (int p = 0; p < 2; p++) {
        j.attached[p] = ms_malloc(((size_t)r->nclasses + 1) * sizeof *j.attached[p]);
        memset(j.attached[p], 0xff, ((size_t)r->nclasses + 1) * sizeof *j.attached[p]);
    }
    ms_parallel_run(j.parts, classes_part, &j);
    /* A singleton's attached object: the first whose class it is (an
     * IMEMO caching methods for it names it too, and is not it). */
    for (uint32_t i = 0; i < r->nclasses; i++)
        if (r->classes[i].singleton && r->classes[i].attached == MS_NONE)
            r->classes[i].attached = j.attached[0][i] != MS_NONE ? j.attached[0][i]
                                                                : j.attached[1][i];
    for (uint32_t i = 0; i < r->nclasses; i++) {
        uint32_t shown = class_shown(r, &r->classes[i], 0);
        if (shown)
            ms_builder_set_label(r->part.b, r->classes[i].node, shown, true);
    }
    j.ctype = ms_malloc(((size_t)r->nclasses + 1) * sizeof *j.ctype);
    j.ctype[0] = 0;
    for (uint32_t i = 0; i < r->nclasses; i++)
        j.ctype[i + 1] = class_type(r, &r->classes[i]);
    ms_parallel_run(j.parts, types_part, &j);
    for (uint32_t i = 0; i < r->nclasses; i++)
        j.role[r->classes[i].node] =
            MS_ROLE_HOLDER |
            (r->classes[i].name && !r->classes[i].singleton ? MS_ROLE_BASELINE : 0);
    ms_builder_set_roles(r->part.b, j.role);
    free(j.cls);
    free(j.ctype);
    free(j.attached[0]);
    free(j.attached[1]);
}

/* Frees the reader's own fields of a part (jsonl.h's done). */
static void ruby_done(ms_jsonl_part *p)
{
    rreader *r = (rreader *)p;
    free(r->refs);
    free(r->names);
    free(r->cls);
    free(r->rtype);
    free(r->base);
    free(r->classes);
    free(r->cmap);
    free(r->frame_stack);
    free(r->frames);
}

/* Sets up a part's own fields (jsonl.h's init): the strings it compares
 * with, in its builder's pool, and the hot keys. */
static void ruby_init(ms_jsonl_part *p, const ms_jsonl_part *first)
{
    (void)first;
    rreader *r = (rreader *)p;
    r->sp = ms_builder_strings(p->b);
    r->s_class = ms_strpool_intern(r->sp, "class", 5);
    r->s_root = ms_strpool_intern(r->sp, "ROOT", 4);
    r->s_klass = ms_strpool_intern(r->sp, "CLASS", 5);
    r->s_module = ms_strpool_intern(r->sp, "MODULE", 6);
    r->s_imemo = ms_strpool_intern(r->sp, "IMEMO", 5);
    r->s_iclass = ms_strpool_intern(r->sp, "ICLASS", 6);
    r->s_node = ms_strpool_intern(r->sp, "NODE", 4);
    r->s_symbol = ms_strpool_intern(r->sp, "SYMBOL", 6);
    r->s_data = ms_strpool_intern(r->sp, "DATA", 4);
    r->s_tracer = ms_strpool_intern(r->sp, "ObjectTracing/allocation_info_tracer", 36);
    pthread_once(&hot_table_once, key_table_init);
    r->keys = &hot_table;
}

/* jsonl.h's head: a file with no record is an error. */
static int ruby_head(ms_jsonl_part *p)
{
    if (js_peek(&p->s) < 0)
        return js_fail(&p->s, p->s.p, "%s: no records",
                       p->in->size ? "only white space" : "empty file");
    return 0;
}

/* jsonl.h's record. */
static int ruby_record(ms_jsonl_part *p)
{
    return read_record((rreader *)p);
}

/* Moves what r1 read after what r0 read: the builders (ms_builder_append,
 * whose string remap then renames r1's types, class names and frames), the
 * per-node class addresses and baseline marks, the classes, and the sites of r1's objects,
 * which numbered r1's own stacks. Takes r1's builder over, even on
 * failure. */
static ms_status merge(rreader *r0, rreader *r1, ms_error *err)
{
    uint32_t n0 = r0->n, *remap;
    ms_status st = ms_builder_append(r0->part.b, r1->part.b, &remap, err);
    r1->part.b = NULL;
    if (st != MS_OK)
        return st;
    if (n0 + r1->n > r0->cap_nodes) {
        r0->cap_nodes = (size_t)n0 + r1->n;
        r0->cls = ms_realloc_array(r0->cls, r0->cap_nodes, sizeof *r0->cls);
        r0->rtype = ms_realloc_array(r0->rtype, r0->cap_nodes, sizeof *r0->rtype);
        r0->base = ms_realloc_array(r0->base, r0->cap_nodes, 1);
    }
    for (uint32_t k = 0; k < r1->n; k++) {
        r0->cls[n0 + k] = r1->cls[k];
        r0->rtype[n0 + k] = remap[r1->rtype[k]];
        r0->base[n0 + k] = r1->base[k];
    }
    r0->n += r1->n;
    for (uint32_t i = 0; i < r1->nclasses; i++) {
        rclass c = r1->classes[i];
        c.node += n0;
        c.name = c.name ? remap[c.name] : 0;
        c.real = c.real ? remap[c.real] : 0;
        MS_GROW(r0->classes, r0->cap_classes, (size_t)r0->nclasses + 1);
        r0->classes[r0->nclasses++] = c;
        class_map_put(r0, c.addr, r0->nclasses - 1);
    }
    uint32_t *stack = ms_malloc(((size_t)r1->nframes + 1) * sizeof *stack);
    for (uint32_t i = 0; i < r1->nframes; i++)
        stack[i] = frame_stack(r0, remap[r1->frames[i]]);
    const ms_heap *h = ms_builder_heap(r0->part.b);
    for (uint32_t k = n0; h->site && k < r0->n; k++)
        if (h->site[k])
            ms_builder_set_site(r0->part.b, k, stack[h->site[k] - 1]);
    free(stack);
    free(remap);
    return MS_OK;
}

/* jsonl.h's join. */
static ms_status ruby_join(ms_jsonl_part *p0, ms_jsonl_part *p1, ms_error *err)
{
    return merge((rreader *)p0, (rreader *)p1, err);
}

/* dump_all's records take 150 to 250 bytes (an object with its flags,
 * memsize and two or three references). */
static const ms_jsonl_reader ruby_jsonl = {
    .part_size = sizeof(rreader),
    .record_bytes = 160,
    .refs_per_record = 2,
    .init = ruby_init,
    .head = ruby_head,
    .record = ruby_record,
    .join = ruby_join,
    .done = ruby_done,
};

/* The reader (reader.h): the JSON Lines driver, then the types, sites and
 * roles, which need every record. */
static ms_status read_ruby(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                           ms_error *err)
{
    rreader rr[2], *r = &rr[0];
    *out = NULL;
    ms_status st = ms_jsonl_read(&ruby_jsonl, rr, in, opts, err);
    if (st != MS_OK)
        return st;
    set_types(r);
    if (r->nframes) {
        uint32_t *parent = ms_malloc((size_t)r->nframes * sizeof *parent);
        for (uint32_t i = 0; i < r->nframes; i++)
            parent[i] = MS_NONE;
        ms_builder_set_sites(r->part.b, r->frames, parent, r->nframes);
        r->frames = NULL;
    }
    ms_builder_set_meta(r->part.b, ms_strdup("{\"runtime\": \"Ruby\", \"format\": "
                                             "\"ObjectSpace.dump_all\"}"));
    ms_builder_set_header(r->part.b);
    *out = r->part.b;
    ruby_done(&r->part);
    return MS_OK;
}

/* Whether the value at s is an object record (ROOT records are not). */
static bool is_object_record(const jscan *s)
{
    return !((size_t)(s->end - s->p) >= 14 && memcmp(s->p, "{\"type\":\"ROOT\"", 14) == 0);
}

/* FILE:LINE:COL of the k-th object record (ROOT records are not objects). */
static void ruby_where(const ms_input *in, uint32_t k, char *buf, size_t n)
{
    jscan s;
    js_init(&s, in, NULL);
    size_t off = ms_jsonl_record_offset(&s, k, false, is_object_record);
    js_free(&s);
    ms_input_where(in, off, buf, n);
}

/* A dump_all file starts with a ROOT record, or with an object that has
 * an "address" string and a "memsize". */
static bool ruby_sniff(const unsigned char *p, size_t n)
{
    if (n >= 14 && memcmp(p, "{\"type\":\"ROOT\"", 14) == 0)
        return true;
    const unsigned char *nl = memchr(p, '\n', n);
    size_t len = nl ? (size_t)(nl - p) : n;
    return len >= 14 && memcmp(p, "{\"address\":\"0x", 14) == 0 &&
           memmem(p, len, "\"memsize\":", 10) != NULL;
}

const ms_reader ms_reader_ruby = { "ruby", ruby_sniff, read_ruby, ruby_where, false, false };
