/* ruby.c — reader for Ruby's ObjectSpace.dump_all (JSON Lines; see
 * ../shared/RUBY_DUMPS.md).
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
 * NODE) are engine bookkeeping, reported at the object that owns them. */
#include "jscan.h"
#include "memscope/alloc.h"
#include "memscope/reader.h"

#include <inttypes.h>
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

typedef struct rreader {
    jscan s;
    const ms_input *in;
    const ms_load_opts *opts;
    ms_builder *b;
    ms_strpool *sp;
    uint64_t *refs;
    uint32_t *names;
    size_t cap_refs, cap_names;
    uint64_t *cls;          /* [node] class address, 0 = none */
    uint32_t *rtype;        /* [node] Ruby type (string) */
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
    const unsigned char *next_progress;
    ms_error ferr;
} rreader;

/* One record while its keys are read. */
typedef struct rrecord {
    ms_record rec;
    const unsigned char *at;
    uint64_t cls, super;
    uint32_t rtype, root, name, value, real, imemo;
    uint32_t file, method;
    uint64_t line;
    bool has_address, has_type, has_refs, singleton, has_line;
} rrecord;

/* Parses a hex address string "0x7f..." (the scanner is at its quote). */
static int read_address(rreader *r, uint64_t *v, const char *what)
{
    jscan *s = &r->s;
    const unsigned char *at = s->p;
    const char *str;
    size_t n;
    if (at >= s->end || *at != '"')
        return js_fail(s, at, "%s: expected a hex address string like \"0x7f…\"", what);
    if (js_string(s, &str, &n))
        return -1;
    uint64_t x = 0;
    size_t i = n > 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X') ? 2 : 0;
    if (i == 0 || n - i > 16)
        return js_fail(s, at, "%s: \"%.*s\" is not a hex address", what, (int)(n < 40 ? n : 40),
                       str);
    for (; i < n; i++) {
        char c = str[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return js_fail(s, at, "%s: \"%.*s\" is not a hex address", what,
                           (int)(n < 40 ? n : 40), str);
        x = x << 4 | (uint64_t)d;
    }
    *v = x;
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
    jscan *s = &r->s;
    *count = 0;
    if (js_expect(s, '[', "'[' to start an array of addresses"))
        return -1;
    if (!js_empty(s, ']'))
        return 0;
    for (;;) {
        js_ws(s);
        MS_GROW(r->refs, r->cap_refs, (size_t)*count + 2); /* + the class */
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
    jscan *s = &r->s;
    const unsigned char *at = s->p;
    const char *str;
    size_t n;
    if (at >= s->end || *at != '"')
        return js_fail(s, at, "%s must be a string", what);
    if (js_string(s, &str, &n))
        return -1;
    if (label && n > MAX_LABEL) {
        n = MAX_LABEL;
        while (n > 0 && ((unsigned char)str[n] & 0xc0) == 0x80)
            n--;
    }
    uint32_t i = label ? ms_strpool_label(r->sp, str, n) : ms_strpool_intern(r->sp, str, n);
    if (i == UINT32_MAX)
        return js_fail(s, at, "too many distinct strings");
    *out = i;
    return 0;
}

static int read_u64(rreader *r, uint64_t *v, const char *what)
{
    return js_u64(&r->s, v, what);
}

#define KEY(lit) (kn == sizeof lit - 1 && memcmp(k, lit, kn) == 0)

/* Reads the value of key k into o. */
static int read_value(rreader *r, rrecord *o, const char *k, size_t kn)
{
    jscan *s = &r->s;
    uint64_t v;
    if (KEY("address")) {
        o->has_address = true;
        return read_address(r, &o->rec.id, "address");
    }
    if (KEY("type")) {
        o->has_type = true;
        return read_str(r, &o->rtype, false, "type");
    }
    if (KEY("class")) {
        if (read_address(r, &o->cls, "class"))
            return -1;
        if (!heap_address(o->cls))
            o->cls = 0;
        return 0;
    }
    if (KEY("superclass"))
        return read_address(r, &o->super, "superclass");
    if (KEY("references")) {
        o->has_refs = true;
        return read_addresses(r, &o->rec.nrefs, "references");
    }
    if (KEY("memsize")) {
        if (read_u64(r, &o->rec.size, "memsize"))
            return -1;
        if (o->rec.size > MS_MAX_SIZE)
            return js_fail(s, s->p, "memsize: %" PRIu64 " bytes is absurd", o->rec.size);
        return 0;
    }
    if (KEY("bytesize") || KEY("length") || KEY("size")) {
        if (js_peek(s) < '0' || js_peek(s) > '9')
            return js_skip(s, NULL, NULL); /* a STRUCT's "size" may be absent or odd */
        if (read_u64(r, &v, "length"))
            return -1;
        o->rec.len = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
        o->rec.flags |= MS_NODE_HAS_LEN;
        return 0;
    }
    if (KEY("generation")) {
        if (read_u64(r, &v, "generation"))
            return -1;
        o->rec.gen = v >= UINT32_MAX - 1 ? UINT32_MAX : (uint32_t)v + 1;
        return 0;
    }
    if (KEY("line")) {
        o->has_line = true;
        return read_u64(r, &o->line, "line");
    }
    if (KEY("root"))
        return read_str(r, &o->root, false, "root");
    if (KEY("name") && js_peek(s) == '"')
        return read_str(r, &o->name, true, "name");
    if (KEY("value") && js_peek(s) == '"')
        return read_str(r, &o->value, true, "value");
    if (KEY("real_class_name") && js_peek(s) == '"')
        return read_str(r, &o->real, false, "real_class_name");
    if (KEY("imemo_type") && js_peek(s) == '"')
        return read_str(r, &o->imemo, true, "imemo_type");
    if (KEY("file") && js_peek(s) == '"')
        return read_str(r, &o->file, false, "file");
    if (KEY("method") && js_peek(s) == '"')
        return read_str(r, &o->method, false, "method");
    if (KEY("singleton")) {
        const unsigned char *t;
        size_t n;
        if (js_skip(s, &t, &n))
            return -1;
        o->singleton = n == 4 && memcmp(t, "true", 4) == 0;
        return 0;
    }
    return js_skip(s, NULL, NULL);
}

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
    if (f == UINT32_MAX)
        return 0;
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

static bool is_lit(const rreader *r, uint32_t s, const char *lit)
{
    return s && strcmp(ms_strpool_get(r->sp, s), lit) == 0;
}

/* A ROOT record: its references become roots named by its kind. */
static int finish_root(rreader *r, rrecord *o)
{
    if (!o->has_refs)
        return js_fail(&r->s, o->at, "ROOT record has no \"references\"");
    if (!o->root)
        return js_fail(&r->s, o->at, "ROOT record has no \"root\" kind");
    for (uint32_t i = 0; i < o->rec.nrefs; i++)
        ms_builder_add_named_root(r->b, r->refs[i], o->root);
    return 0;
}

/* An object record: to the builder, its class remembered for the types. */
static int finish_object(rreader *r, rrecord *o)
{
    jscan *s = &r->s;
    if (!o->has_address)
        return js_fail(s, o->at, "record has no \"address\"");
    if (!o->has_type)
        return js_fail(s, o->at, "record has no \"type\"");
    uint32_t nrefs = o->rec.nrefs;
    MS_GROW(r->names, r->cap_names, (size_t)nrefs + 1);
    memset(r->names, 0, (size_t)nrefs * sizeof *r->names);
    if (o->cls) {
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
        o->rec.label = o->value ? o->value : o->imemo;
    }
    bool is_class = is_lit(r, o->rtype, "CLASS"), is_module = is_lit(r, o->rtype, "MODULE");
    if (is_class || is_module) {
        MS_GROW(r->classes, r->cap_classes, (size_t)r->nclasses + 1);
        r->classes[r->nclasses] = (rclass){ o->rec.id, o->super, r->n, o->name, o->real, MS_NONE,
                                            0, o->singleton, is_module };
        r->nclasses++;
        class_map_put(r, o->rec.id, r->nclasses - 1);
    }
    if (ms_builder_add(r->b, &o->rec, &r->ferr) != MS_OK)
        return js_fail(s, o->at, "%s", r->ferr.msg);
    if (r->n >= r->cap_nodes) {
        r->cap_nodes = r->cap_nodes ? r->cap_nodes * 2 : 4096;
        r->cls = ms_realloc_array(r->cls, r->cap_nodes, sizeof *r->cls);
        r->rtype = ms_realloc_array(r->rtype, r->cap_nodes, sizeof *r->rtype);
    }
    r->cls[r->n] = o->cls;
    r->rtype[r->n] = o->rtype;
    r->n++;
    return 0;
}

/* Reads one record (the scanner is at its '{'). */
static int read_record(rreader *r)
{
    jscan *s = &r->s;
    rrecord o;
    memset(&o, 0, sizeof o);
    o.at = s->p;
    if (js_expect(s, '{', "'{' to start a record"))
        return -1;
    if (js_empty(s, '}'))
        for (;;) {
            const char *k;
            size_t kn;
            js_ws(s);
            if (js_string(s, &k, &kn))
                return -1;
            char key[24];
            if (kn >= sizeof key) {
                kn = 0; /* no key of interest is that long */
            } else {
                memcpy(key, k, kn); /* the next string read reuses the scratch */
                key[kn] = 0;
            }
            if (js_expect(s, ':', "':' after a key"))
                return -1;
            js_ws(s);
            if (read_value(r, &o, key, kn))
                return -1;
            int more = js_next(s, '}', "");
            if (more < 0)
                return -1;
            if (!more)
                break;
        }
    if (o.has_type && is_lit(r, o.rtype, "ROOT"))
        return finish_root(r, &o);
    return finish_object(r, &o);
}

/* The inspect text of class c (Ruby's Class#inspect), made once. */
static uint32_t class_shown(rreader *r, rclass *c, int depth);

/* Ruby's inspect of node k, as a singleton's attached object. */
static void attached_text(rreader *r, uint32_t k, char *buf, size_t n, int depth)
{
    rclass *c = class_at(r, ms_builder_heap(r->b)->id[k]);
    if (c) {
        snprintf(buf, n, "%s", ms_strpool_get(r->sp, class_shown(r, c, depth + 1)));
        return;
    }
    const char *type = ms_strpool_get(r->sp, ms_builder_heap(r->b)->type[k]);
    snprintf(buf, n, "#<%s:0x%016" PRIx64 ">", type, ms_builder_heap(r->b)->id[k]);
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

/* Sets every object's type and every class's label, now that all classes
 * are known. */
static void set_types(rreader *r)
{
    static const char *const outside[] = { "IMEMO", "NODE", "ICLASS", "ZOMBIE", "MOVED",
                                           "NONE", "UNDEF", NULL };
    uint8_t *out = ms_calloc(r->n ? r->n : 1, 1); /* outside the class tree */
    for (uint32_t k = 0; k < r->n; k++) {
        const char *rt = ms_strpool_get(r->sp, r->rtype[k]);
        for (const char *const *t = outside; *t && !out[k]; t++)
            out[k] = strcmp(rt, *t) == 0;
    }
    /* A singleton's attached object: the one whose class it is (an IMEMO
     * caching methods for it names it too, and is not it). */
    for (uint32_t k = 0; k < r->n; k++) {
        rclass *c = out[k] ? NULL : class_at(r, r->cls[k]);
        if (c && c->singleton && c->attached == MS_NONE)
            c->attached = k;
    }
    for (uint32_t i = 0; i < r->nclasses; i++) {
        uint32_t shown = class_shown(r, &r->classes[i], 0);
        if (shown)
            ms_builder_set_label(r->b, r->classes[i].node, shown, true);
    }
    uint8_t *role = ms_calloc(r->n ? r->n : 1, 1);
    for (uint32_t k = 0; k < r->n; k++) {
        uint32_t type = out[k] ? 0 : class_type(r, class_at(r, r->cls[k]));
        if (type)
            ms_builder_set_type(r->b, k, type);
        if (out[k])
            role[k] = MS_ROLE_ENGINE;
    }
    for (uint32_t i = 0; i < r->nclasses; i++)
        role[r->classes[i].node] = MS_ROLE_HOLDER;
    ms_builder_set_roles(r->b, role);
    free(out);
}

static void reader_free(rreader *r)
{
    js_free(&r->s);
    free(r->refs);
    free(r->names);
    free(r->cls);
    free(r->rtype);
    free(r->classes);
    free(r->cmap);
    free(r->frame_stack);
}

static ms_status read_ruby(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                           ms_error *err)
{
    rreader r;
    memset(&r, 0, sizeof r);
    js_init(&r.s, in->data, in->size);
    r.in = in;
    r.opts = opts;
    r.b = ms_builder_new();
    r.sp = ms_builder_strings(r.b);
    r.s_class = ms_strpool_intern(r.sp, "class", 5);
    r.next_progress = r.s.p + (16u << 20);
    int rc = 0;
    if (js_peek(&r.s) < 0)
        rc = js_fail(&r.s, r.s.p, "%s: no records", in->size ? "only white space" : "empty file");
    while (!rc && js_peek(&r.s) >= 0) {
        rc = read_record(&r);
        if (!rc && r.s.p >= r.next_progress) {
            size_t done = (size_t)(r.s.p - r.s.base);
            if (opts && opts->progress)
                opts->progress(opts->progress_ctx, done, in->size);
            r.next_progress = r.s.p + (16u << 20);
        }
    }
    ms_status st = MS_OK;
    if (rc) {
        char where[600];
        ms_input_where(in, r.s.err_off, where, sizeof where);
        st = ms_error_set(err, r.ferr.status == MS_ERR_LIMIT ? MS_ERR_LIMIT : MS_ERR_INPUT,
                          "%s: %s", where, r.s.err);
        ms_builder_free(r.b);
        r.b = NULL;
    } else {
        set_types(&r);
        if (r.nframes) {
            uint32_t *parent = ms_malloc((size_t)r.nframes * sizeof *parent);
            for (uint32_t i = 0; i < r.nframes; i++)
                parent[i] = MS_NONE;
            ms_builder_set_sites(r.b, r.frames, parent, r.nframes);
            r.frames = NULL;
        }
        ms_builder_set_meta(r.b, ms_strdup("{\"runtime\": \"Ruby\", \"format\": "
                                           "\"ObjectSpace.dump_all\"}"));
        ms_builder_set_header(r.b);
        if (opts && opts->stats) {
            opts->stats->join = 0;
            opts->stats->threads = 1;
        }
    }
    free(r.frames);
    reader_free(&r);
    *out = r.b;
    return st;
}

/* FILE:LINE:COL of the k-th object record (ROOT records are not objects). */
static void ruby_where(const ms_input *in, uint32_t k, char *buf, size_t n)
{
    jscan s;
    js_init(&s, in->data, in->size);
    size_t off = 0;
    for (uint32_t i = 0; js_peek(&s) >= 0;) {
        off = (size_t)(s.p - s.base);
        bool root = (size_t)(s.end - s.p) >= 14 && memcmp(s.p, "{\"type\":\"ROOT\"", 14) == 0;
        if (!root && i++ == k)
            break;
        if (js_skip(&s, NULL, NULL))
            break;
    }
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

const ms_reader ms_reader_ruby = { "ruby", ruby_sniff, read_ruby, ruby_where, false };
