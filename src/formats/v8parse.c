/* v8parse.c — the V8 .heapsnapshot file as it is written: snapshot.meta,
 * the flat nodes and edges arrays (read with the SWAR integer scanner into
 * uint32 arrays, in parallel parts), strings with full JSON escapes, and
 * the allocation traces. Nothing here knows DevTools' semantics (v8.c). */
#include "memscope/alloc.h"
#include "memscope/parallel.h"
#include "v8snap.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void v8_snap_free(v8snap *s)
{
    for (uint32_t i = 0; i < s->nntypes; i++)
        free(s->ntypes[i]);
    free(s->ntypes);
    free(s->nodes);
    free(s->edges);
    free(s->etype);
    free(s->ename);
    free(s->eto);
    free(s->str);
    free(s->sflag);
    free(s->eph);
    free(s->tfi);
    free(s->locs);
    free(s->tid);
    free(s->tfn);
    free(s->tparent);
    free(s->tcount);
}

/* Parses a WeakMap ephemeron edge name "N / part of key (K @k) -> value
 * (V @v) pair in WeakMap (table @T)" (NUL-terminated): returns true and
 * *table = T. */
static bool weakmap_table(const char *name, uint64_t *table)
{
    const char *p = name;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (strncmp(p, " / part of key (", 16) != 0 || !strstr(p, ") -> value ("))
        return false;
    const char *t = strstr(p, ") pair in WeakMap (table @");
    if (!t)
        return false;
    t += 26;
    uint64_t v = 0;
    if (*t < '0' || *t > '9')
        return false;
    while (*t >= '0' && *t <= '9') {
        if (v > UINT64_MAX / 10 - 10)
            return false;
        v = v * 10 + (uint64_t)(*t++ - '0');
    }
    if (strcmp(t, ")") != 0)
        return false;
    *table = v;
    return true;
}

bool v8_ephemeron_table(const v8snap *s, uint32_t nm, uint64_t *table)
{
    if (!(s->sflag[nm] & SF_EPHEMERON))
        return false;
    uint32_t lo = 0, hi = s->neph;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->eph[mid].str < nm)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == s->neph || s->eph[lo].str != nm)
        return false;
    *table = s->eph[lo].table;
    return true;
}

bool v8_sniff(const unsigned char *p, size_t n)
{
    ms_input head = { .name = "", .data = p, .size = n };
    jscan js;
    js_init(&js, &head, NULL);
    bool v8 = js_peek(&js) == '{';
    if (v8) {
        js.p++;
        v8 = js_peek(&js) == '"' && js.end - js.p >= 10 && memcmp(js.p, "\"snapshot\"", 10) == 0;
    }
    js_free(&js);
    return v8;
}

/* Position of name in a cJSON array of strings, or -1. */
static int find_name(const cJSON *arr, const char *name)
{
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        if (cJSON_IsString(it) && strcmp(it->valuestring, name) == 0)
            return i;
        i++;
    }
    return -1;
}

static int64_t int_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 9007199254740992.0)
        return -1;
    return (int64_t)v->valuedouble;
}

/* Reads snapshot.meta from the JSON text [b, b+len) that js has read.
 * Returns 0, or -1 with the failure told by js (at b). */
static int parse_meta(v8snap *s, const unsigned char *b, size_t len, jscan *js)
{
    cJSON *root = cJSON_ParseWithLength((const char *)b, len);
    if (!root)
        return js_fail(js, b, "snapshot: not valid JSON");
    int rc = -1;
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "meta");
    const cJSON *nfields = cJSON_GetObjectItemCaseSensitive(meta, "node_fields");
    const cJSON *efields = cJSON_GetObjectItemCaseSensitive(meta, "edge_fields");
    const cJSON *ntypes = cJSON_GetObjectItemCaseSensitive(meta, "node_types");
    const cJSON *etypes = cJSON_GetObjectItemCaseSensitive(meta, "edge_types");
    if (!cJSON_IsObject(meta) || !cJSON_IsArray(nfields) || !cJSON_IsArray(efields) ||
        !cJSON_IsArray(ntypes) || !cJSON_IsArray(etypes)) {
        js_fail(js, b, "snapshot.meta: node_fields, edge_fields, node_types or edge_types "
                       "missing");
        goto out;
    }
    s->nf = (uint32_t)cJSON_GetArraySize(nfields);
    s->ef = (uint32_t)cJSON_GetArraySize(efields);
    s->n_type = find_name(nfields, "type");
    s->n_name = find_name(nfields, "name");
    s->n_id = find_name(nfields, "id");
    s->n_size = find_name(nfields, "self_size");
    s->n_edges = find_name(nfields, "edge_count");
    s->n_detach = find_name(nfields, "detachedness");
    s->n_trace = find_name(nfields, "trace_node_id");
    const cJSON *tff = cJSON_GetObjectItemCaseSensitive(meta, "trace_function_info_fields");
    const cJSON *tnf = cJSON_GetObjectItemCaseSensitive(meta, "trace_node_fields");
    s->tf = cJSON_IsArray(tff) ? cJSON_GetArraySize(tff) : 0;
    s->ttf = cJSON_IsArray(tnf) ? cJSON_GetArraySize(tnf) : 0;
    s->f_name = find_name(tff, "name");
    s->f_script = find_name(tff, "script_name");
    s->f_line = find_name(tff, "line");
    s->f_col = find_name(tff, "column");
    s->f_sid = find_name(tff, "script_id");
    const cJSON *lff = cJSON_GetObjectItemCaseSensitive(meta, "location_fields");
    s->lf = cJSON_IsArray(lff) ? cJSON_GetArraySize(lff) : 0;
    s->l_obj = find_name(lff, "object_index");
    s->l_script = find_name(lff, "script_id");
    s->l_line = find_name(lff, "line");
    s->l_col = find_name(lff, "column");
    if (s->lf > 64 || s->l_obj < 0 || s->l_script < 0 || s->l_line < 0 || s->l_col < 0)
        s->lf = 0;
    s->t_id = find_name(tnf, "id");
    s->t_fi = find_name(tnf, "function_info_index");
    s->t_count = find_name(tnf, "count");
    s->t_children = find_name(tnf, "children");
    if (s->tf > 64 || s->ttf > 64 || s->f_name < 0 || s->f_script < 0 || s->f_line < 0 ||
        s->f_col < 0 || s->t_id < 0 || s->t_fi < 0 || s->t_count < 0 || s->t_children < 0)
        s->tf = s->ttf = 0; /* no usable allocation tracking */
    s->e_type = find_name(efields, "type");
    s->e_name = find_name(efields, "name_or_index");
    s->e_to = find_name(efields, "to_node");
    if (s->n_type < 0 || s->n_name < 0 || s->n_id < 0 || s->n_size < 0 || s->n_edges < 0 ||
        s->e_type < 0 || s->e_name < 0 || s->e_to < 0 || s->nf > 64 || s->ef > 64) {
        js_fail(js, b, "snapshot.meta: node_fields must name type, name, id, self_size and "
                       "edge_count, edge_fields type, name_or_index and to_node");
        goto out;
    }
    const cJSON *nt = cJSON_GetArrayItem(ntypes, s->n_type);
    const cJSON *et = cJSON_GetArrayItem(etypes, s->e_type);
    if (!cJSON_IsArray(nt) || !cJSON_IsArray(et)) {
        js_fail(js, b, "snapshot.meta: the type fields' entries in node_types and "
                       "edge_types must be lists of names");
        goto out;
    }
    s->nntypes = 0;
    s->ntypes = ms_calloc((size_t)cJSON_GetArraySize(nt) + 1, sizeof *s->ntypes);
    const cJSON *it;
    cJSON_ArrayForEach(it, nt)
        s->ntypes[s->nntypes++] = ms_strdup(cJSON_IsString(it) ? it->valuestring : "?");
    s->netypes = (uint32_t)cJSON_GetArraySize(et);
    if (s->netypes >= ET_BAD) {
        js_fail(js, b, "snapshot.meta: more than %d edge types", ET_BAD - 1);
        goto out;
    }
    s->t_hidden = find_name(nt, "hidden");
    s->t_array = find_name(nt, "array");
    s->t_string = find_name(nt, "string");
    s->t_object = find_name(nt, "object");
    s->t_code = find_name(nt, "code");
    s->t_closure = find_name(nt, "closure");
    s->t_regexp = find_name(nt, "regexp");
    s->t_native = find_name(nt, "native");
    s->t_synthetic = find_name(nt, "synthetic");
    s->t_cons = find_name(nt, "concatenated string");
    s->t_sliced = find_name(nt, "sliced string");
    s->t_shape = find_name(nt, "object shape");
    s->et_element = find_name(et, "element");
    s->et_hidden = find_name(et, "hidden");
    s->et_internal = find_name(et, "internal");
    s->et_shortcut = find_name(et, "shortcut");
    s->et_weak = find_name(et, "weak");
    s->et_invisible = find_name(et, "invisible");
    s->et_property = find_name(et, "property");
    s->root_index = int_field(root, "root_index");
    s->node_count = int_field(root, "node_count");
    s->edge_count = int_field(root, "edge_count");
    rc = 0;
out:
    cJSON_Delete(root);
    return rc;
}

/* Commas in [p, end): eight bytes at a time. */
static size_t count_commas(const unsigned char *p, const unsigned char *end)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    size_t n = 0;
    for (; end - p >= 8; p += 8) {
        uint64_t w = load8(p) ^ (ones * ',');             /* 0 where ',' */
        uint64_t nz = (((w & ~high) + ~high) | w) & high;  /* high bit where not ',' */
        n += 8 - (size_t)(((nz >> 7) * ones) >> 56);
    }
    for (; p < end; p++)
        n += *p == ',';
    return n;
}

/* Where the values of the edges array go when it is read by field
 * (v8_cols): value k is field k % ef of edge k / ef. */
typedef struct ints_cols {
    uint32_t ef;
    int ftype, fname, fto;   /* the fields kept; the others are dropped */
    uint8_t *type;           /* types past 254 are stored as ET_BAD (v8snap.h) */
    uint32_t *name, *to;
} ints_cols;

/* One share of an integer array: the values from the share's start up to
 * stop (a comma between two values, or the closing ']'), read into
 * vals[len..cap) or, with cols, into its columns from field f of edge e on
 * (len still counting values). */
typedef struct ints_part {
    jscan js;            /* over the whole input, from the share's start */
    ms_error err;        /* its failure, told */
    const unsigned char *stop;
    const char *what;
    const ms_input *in;  /* pages read are given back as the share goes */
    uint32_t *vals;
    size_t len, cap;
    const ints_cols *cols;
    uint32_t f;
    size_t e;
    uint64_t bad_type;   /* the first type stored as ET_BAD, + 1 (0: none) */
    int failed;
} ints_part;

/* Stores value v of a share read by field. */
static inline void col_put(ints_part *pt, uint32_t v)
{
    const ints_cols *c = pt->cols;
    int f = (int)pt->f;
    if (f == c->ftype) {
        if (v >= ET_BAD && !pt->bad_type)
            pt->bad_type = (uint64_t)v + 1;
        c->type[pt->e] = v < ET_BAD ? (uint8_t)v : ET_BAD;
    } else if (f == c->fname) {
        c->name[pt->e] = v;
    } else if (f == c->fto) {
        c->to[pt->e] = v;
    }
    if (++pt->f == c->ef) {
        pt->f = 0;
        pt->e++;
    }
}

/* Bytes an integer share reads between giving pages back. */
#define RELEASE_STEP (8u << 20)

/* The common case at p, with 16 readable bytes: 1 to 8 digits (no
 * leading zero) then ',' or "\n,". Returns the bytes to step over up to
 * the next value's start (0 if not the common case) and *v. */
static inline unsigned plain_value(const unsigned char *p, uint32_t *v)
{
    uint64_t w = load8(p), nd = nondigits(w);
    unsigned k = nd ? (unsigned)__builtin_ctzll(nd) / 8 : 8;
    if (k == 0 || (p[0] == '0' && k > 1))
        return 0;
    if (k == 8) { /* to_node values of big snapshots */
        if (p[8] >= '0' && p[8] <= '9')
            return 0;
        *v = (uint32_t)parse8(w);
    } else {
        *v = (uint32_t)parse_k(p, k);
    }
    if (p[k] == ',')
        return k + 1;
    if (p[k] == '\n' && p[k + 1] == ',')
        return k + 2;
    return 0;
}

static int parse_part(ints_part *pt)
{
    jscan *js = &pt->js;
    for (;;) {
        uint64_t v;
        /* The common case, values before the share's last one. */
        const unsigned char *p = js->p, *stop = pt->stop ? pt->stop : js->end;
        const unsigned char *fast_end = js->end - p < 16 ? p
                                        : stop + 16 <= js->end ? stop : js->end - 16;
        size_t len = pt->len;
        unsigned step;
        uint32_t x;
        const unsigned char *release_at = p + RELEASE_STEP;
        while (p < fast_end && len < pt->cap && (step = plain_value(p, &x)) &&
               p + step <= stop) {
            if (pt->cols)
                col_put(pt, x);
            else
                pt->vals[len] = x;
            len++;
            p += step;
            if (p >= release_at) {
                ms_input_release(pt->in, (size_t)(release_at - RELEASE_STEP - js->base),
                                 (size_t)(p - js->base));
                release_at = p + RELEASE_STEP;
            }
        }
        js->p = p;
        pt->len = len;
        js_ws(js);
        if (js->p + 1 < js->end && js->p[0] == '0' && js_delim_fast(js->p[1])) {
            v = 0; /* V8's arrays are mostly small numbers and zeros */
            js->p++;
        } else if (js_u64_fast(js, &v, pt->what)) {
            return -1;
        }
        if (v > UINT32_MAX)
            return js_fail(js, js->p, "%s: %" PRIu64 " is too large", pt->what, v);
        if (pt->len == pt->cap) /* only if stop is missing: the array is cut short */
            return js_fail(js, js->p, "%s: expected ',' or ']'", pt->what);
        if (pt->cols)
            col_put(pt, (uint32_t)v);
        else
            pt->vals[pt->len] = (uint32_t)v;
        pt->len++;
        js_ws(js);
        if (js->p == pt->stop)
            return 0;
        if (js->p < js->end && *js->p == ',')
            js->p++;
        else if (js_next_slow(js, ']', "") <= 0) /* fails: ']' can only be at stop */
            return -1;
    }
}

static void count_part_task(void *ctx, int i)
{
    ints_part *pt = (ints_part *)ctx + i;
    pt->cap = count_commas(pt->js.p, pt->stop ? pt->stop : pt->js.end) + 1;
}

static void parse_part_task(void *ctx, int i)
{
    ints_part *pt = (ints_part *)ctx + i;
    pt->failed = parse_part(pt);
}

/* Reads a JSON array of non-negative integers below 2^32 into *arr (a
 * fresh array of *len values). Such an array ends at its first ']', so a
 * big one is cut at commas into shares read side by side; counting commas
 * first lets each share write straight into the one array. Errors are as
 * if read in one go: the first failing share holds the first error. */
static int parse_ints(jscan *js, const ms_input *in, uint32_t **arr, size_t *len,
                      const char *what, ints_cols *cols, uint64_t *bad_type)
{
    if (js_expect(js, '[', "'['"))
        return -1;
    js_ws(js);
    *len = 0;
    if (!js_empty(js, ']')) {
        if (cols) {
            cols->type = ms_malloc(1);
            cols->name = ms_malloc(sizeof *cols->name);
            cols->to = ms_malloc(sizeof *cols->to);
        } else {
            *arr = ms_malloc(sizeof **arr);
        }
        return 0;
    }
    const unsigned char *start = js->p;
    const unsigned char *close = memchr(start, ']', (size_t)(js->end - start));
    int parts = close && close - start >= (1 << 20) ? ms_parallel_tasks() : 1;
    ints_part pt[8];
    memset(pt, 0, sizeof pt);
    const unsigned char *from = start;
    int np = 0;
    for (int k = 0; k < parts; k++) {
        const unsigned char *stop = close;
        if (k + 1 < parts) {
            stop = start + (size_t)(close - start) * (size_t)(k + 1) / (size_t)parts;
            stop = stop > from ? memchr(stop, ',', (size_t)(close - stop)) : NULL;
            if (!stop)
                continue;
        }
        js_init(&pt[np].js, in, &pt[np].err);
        pt[np].js.end = js->end;
        pt[np].js.p = from;
        pt[np].stop = stop;
        pt[np].what = what;
        pt[np].in = in;
        np++;
        if (stop)
            from = stop + 1;
    }
    ms_parallel_run(np, count_part_task, pt);
    size_t total = 0;
    for (int k = 0; k < np; k++)
        total += pt[k].cap;
    if (cols) {
        size_t rows = total / cols->ef + 1;
        cols->type = ms_malloc(rows);
        cols->name = ms_malloc(rows * sizeof *cols->name);
        cols->to = ms_malloc(rows * sizeof *cols->to);
    } else {
        *arr = ms_malloc(total * sizeof **arr);
    }
    for (size_t k = 0, at = 0; k < (size_t)np; at += pt[k].cap, k++) {
        if (cols) {
            pt[k].cols = cols;
            pt[k].f = (uint32_t)(at % cols->ef);
            pt[k].e = at / cols->ef;
        } else {
            pt[k].vals = *arr + at;
        }
    }
    ms_parallel_run(np, parse_part_task, pt);
    int rc = 0;
    for (int k = 0; k < np; k++) {
        if (bad_type && !*bad_type)
            *bad_type = pt[k].bad_type;
        if (pt[k].failed && !rc) {
            js_adopt(js, &pt[k].js);
            rc = -1;
        }
        *len += pt[k].len;
        js_free(&pt[k].js);
    }
    if (!rc)
        js->p = close + 1;
    return rc;
}

static int parse_strings(jscan *js, v8snap *s, ms_strpool *pool)
{
    size_t cap = 0, ecap = 0;
    if (js_expect(js, '[', "'['"))
        return -1;
    js_ws(js);
    if (js_empty(js, ']'))
        for (;;) {
            const char *str;
            size_t n;
            js_ws(js);
            if (js_string_fast(js, &str, &n))
                return -1;
            if (s->nstr == cap) {
                size_t c = cap;
                MS_GROW(s->str, cap, (size_t)s->nstr + 1);
                MS_GROW(s->sflag, c, (size_t)s->nstr + 1);
            }
            s->sflag[s->nstr] =
                (n > 16 && str[0] >= '0' && str[0] <= '9' ? SF_EPHEMERON : 0) |
                (IS_LIT(str, n, "Object") ? SF_OBJECT : 0) |
                (IS_LIT(str, n, "system / NativeContext") ? SF_NATIVE_CONTEXT : 0) |
                (IS_LIT(str, n, "sloppy_function_map") ? SF_SLOPPY_MAP : 0) |
                (IS_LIT(str, n, "(map descriptors)") ? SF_DESCRIPTORS : 0) |
                (IS_LIT(str, n, "system / NativeContext") ||
                         (n > 25 && memcmp(str, "system / NativeContext / ", 25) == 0)
                     ? SF_CONTEXT : 0) |
                (IS_LIT(str, n, "global_object") || IS_LIT(str, n, "global_proxy_object")
                     ? SF_GLOBAL : 0) |
                (IS_LIT(str, n, "(Document DOM trees)") ? SF_DOM_TREES : 0);
            s->str[s->nstr] = ms_strpool_label(pool, str, n);
            if (s->str[s->nstr] == UINT32_MAX)
                return js_fail(js, js->p, "strings: more than 2^32-2 strings");
            uint64_t table;
            if (s->sflag[s->nstr] & SF_EPHEMERON) {
                /* Parsed now, from the pool's NUL-terminated copy. */
                if (weakmap_table(ms_strpool_get(pool, s->str[s->nstr]), &table)) {
                    MS_GROW(s->eph, ecap, (size_t)s->neph + 1);
                    s->eph[s->neph++] = (v8eph){ s->nstr, table };
                } else {
                    s->sflag[s->nstr] &= (uint8_t)~SF_EPHEMERON;
                }
            }
            s->nstr++;
            js_ws(js);
            int r = js_next(js, ']', " in strings");
            if (r < 0)
                return -1;
            if (!r)
                break;
        }
    return 0;
}

/* trace_tree: nested arrays of ttf fields per node, the children field an
 * array of more nodes. Read with an explicit stack (no recursion, however
 * deep the call tree); each node gets its parent's index. */
typedef struct tframe {
    uint32_t parent; /* the node whose children these are, UINT32_MAX at the top */
    uint32_t field;  /* fields read so far in this array */
    uint32_t cur;    /* the node being read in this array */
} tframe;

static uint32_t trace_add(v8snap *s, size_t *cap, uint32_t parent)
{
    if (s->ntrace == *cap) {
        size_t c = *cap;
        MS_GROW(s->tid, c, (size_t)s->ntrace + 1);
        c = *cap;
        MS_GROW(s->tfn, c, (size_t)s->ntrace + 1);
        c = *cap;
        MS_GROW(s->tcount, c, (size_t)s->ntrace + 1);
        MS_GROW(s->tparent, *cap, (size_t)s->ntrace + 1);
    }
    s->tid[s->ntrace] = s->tfn[s->ntrace] = s->tcount[s->ntrace] = 0;
    s->tparent[s->ntrace] = parent;
    return s->ntrace++;
}

static int parse_trace_tree(jscan *js, v8snap *s)
{
    tframe *st = NULL;
    size_t scap = 0, sp = 0, ncap = 0;
    int rc = -1;
    if (js_expect(js, '[', "'[' to start trace_tree"))
        return -1;
    MS_GROW(st, scap, 1);
    st[sp++] = (tframe){ UINT32_MAX, 0, UINT32_MAX };
    js_ws(js);
    if (!js_empty(js, ']'))
        sp = 0;
    while (sp) {
        tframe *f = &st[sp - 1];
        uint32_t k = f->field % (uint32_t)s->ttf;
        js_ws(js);
        if (k == 0)
            f->cur = trace_add(s, &ncap, f->parent);
        f->field++;
        if ((int)k == s->t_children) {
            uint32_t cur = f->cur;
            if (js_expect(js, '[', "'[' for a trace node's children"))
                goto out;
            js_ws(js);
            if (js_empty(js, ']')) {
                MS_GROW(st, scap, sp + 1);
                st[sp++] = (tframe){ cur, 0, UINT32_MAX };
                continue;
            }
        } else {
            uint64_t v;
            if (js_u64_fast(js, &v, "trace_tree"))
                goto out;
            if (v > UINT32_MAX) {
                js_fail(js, js->p, "trace_tree: value %" PRIu64 " too large", v);
                goto out;
            }
            uint32_t c = f->cur;
            if ((int)k == s->t_id)
                s->tid[c] = (uint32_t)v;
            else if ((int)k == s->t_fi)
                s->tfn[c] = (uint32_t)v;
            else if ((int)k == s->t_count)
                s->tcount[c] = (uint32_t)v;
        }
        /* After a value: more in this array, or its end, which may end the
         * enclosing ones too. */
        for (;;) {
            js_ws(js);
            int more = js_next(js, ']', " in trace_tree");
            if (more < 0)
                goto out;
            if (more)
                break;
            if (st[sp - 1].field % (uint32_t)s->ttf) {
                js_fail(js, js->p - 1, "trace_tree: a node with %u of its %d fields",
                        st[sp - 1].field % (uint32_t)s->ttf, s->ttf);
                goto out;
            }
            if (--sp == 0)
                break;
        }
    }
    rc = 0;
out:
    free(st);
    return rc;
}

/* The whole file's top-level object. */
int v8_parse_file(jscan *js, v8snap *s, ms_strpool *pool, const ms_input *in,
                  const ms_load_opts *opts)
{
    if (js_expect(js, '{', "'{'"))
        return -1;
    js_ws(js);
    if (!js_empty(js, '}'))
        return js_fail(js, js->p, "empty snapshot object");
    for (;;) {
        const char *key;
        size_t kn;
        js_ws(js);
        const unsigned char *key_at = js->p;
        if (js_string(js, &key, &kn))
            return -1;
#define KEY_IS(k) IS_LIT(key, kn, k)
        if (js_expect(js, ':', "':'"))
            return -1;
        js_ws(js);
        if ((KEY_IS("snapshot") && s->got_snapshot) || (KEY_IS("nodes") && s->got_nodes) ||
            (KEY_IS("edges") && s->got_edges) || (KEY_IS("strings") && s->got_strings))
            return js_fail(js, key_at, "duplicate key \"%.*s\"", (int)kn, key);
        if (KEY_IS("snapshot")) {
            const unsigned char *b;
            size_t len;
            if (js_skip(js, &b, &len))
                return -1;
            if (parse_meta(s, b, len, js))
                return -1;
            s->got_snapshot = true;
        } else if (KEY_IS("nodes")) {
            s->nodes_off = (size_t)(js->p - js->base);
            if (parse_ints(js, in, &s->nodes, &s->nodes_len, "nodes", NULL, NULL))
                return -1;
            s->got_nodes = true;
        } else if (KEY_IS("edges")) {
            s->edges_off = (size_t)(js->p - js->base);
            /* By field when the meta has said which: no interleaved copy. */
            ints_cols cols = { s->ef, s->e_type, s->e_name, s->e_to, NULL, NULL, NULL };
            int rc = s->got_snapshot
                         ? parse_ints(js, in, NULL, &s->edges_len, "edges", &cols, &s->bad_etype)
                         : parse_ints(js, in, &s->edges, &s->edges_len, "edges", NULL, NULL);
            s->etype = cols.type;
            s->ename = cols.name;
            s->eto = cols.to;
            if (rc)
                return -1;
            s->got_edges = true;
        } else if (KEY_IS("strings")) {
            if (parse_strings(js, s, pool))
                return -1;
            s->got_strings = true;
        } else if (KEY_IS("trace_function_infos") && s->tf && !s->tfi) {
            if (parse_ints(js, in, &s->tfi, &s->tfi_len, "trace_function_infos", NULL, NULL))
                return -1;
        } else if (KEY_IS("locations") && s->lf && !s->locs) {
            if (parse_ints(js, in, &s->locs, &s->locs_len, "locations", NULL, NULL))
                return -1;
        } else if (KEY_IS("trace_tree") && s->ttf && !s->ntrace) {
            if (parse_trace_tree(js, s))
                return -1;
        } else if (js_skip(js, NULL, NULL)) {
            return -1;
        }
#undef KEY_IS
        /* Done with these bytes: give the pages back (a mapped file reads
         * them again should a message need them), and say how far. */
        size_t done = (size_t)(js->p - js->base);
        ms_input_release(in, 0, done);
        if (opts && opts->progress)
            opts->progress(opts->progress_ctx, done, in->size);
        js_ws(js);
        int r = js_next(js, '}', " in the snapshot object");
        if (r < 0)
            return -1;
        if (!r)
            break;
    }
    if (!s->got_snapshot || !s->got_nodes || !s->got_edges || !s->got_strings)
        return js_fail(js, js->p - 1, "not a V8 heap snapshot: no %s array or object",
                       !s->got_snapshot ? "\"snapshot\""
                       : !s->got_nodes  ? "\"nodes\""
                       : !s->got_edges  ? "\"edges\""
                                        : "\"strings\"");
    js_ws(js);
    if (js->p < js->end)
        return js_fail(js, js->p, "data after the snapshot object");
    return 0;
}

/* x / d for 32-bit x, with m = UINT64_MAX / d + 1 (Lemire, Kaser, Kurz,
 * "Faster remainder by direct computation", 2019): exact, and much
 * cheaper than a division by a divisor known only at run time. */
static inline uint32_t fast_div(uint32_t x, uint64_t m)
{
    return (uint32_t)(((unsigned __int128)m * x) >> 64);
}

/* Splits edges read before the meta said their fields into etype, ename
 * and eto (only such files pay for the interleaved copy). */
static void split_edges(v8snap *s, size_t m)
{
    s->etype = ms_malloc(m + 1);
    s->ename = ms_malloc((m + 1) * sizeof *s->ename);
    s->eto = ms_malloc((m + 1) * sizeof *s->eto);
    for (size_t e = 0; e < m; e++) {
        const uint32_t *f = s->edges + e * s->ef;
        uint32_t t = f[s->e_type];
        if (t >= ET_BAD && !s->bad_etype)
            s->bad_etype = (uint64_t)t + 1;
        s->etype[e] = t < ET_BAD ? (uint8_t)t : ET_BAD;
        s->ename[e] = f[s->e_name];
        s->eto[e] = f[s->e_to];
    }
    free(s->edges);
    s->edges = NULL;
}

/* Tells a failed check in err: "FILE:LINE:COL: what" at value at of the
 * nodes array (or of edges if in_edges), or "FILE: what" when no value is
 * to blame (at SIZE_MAX). Returns -1. */
static int check_fail(const v8snap *s, const ms_input *in, ms_error *err, bool in_edges,
                      size_t at, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int check_fail(const v8snap *s, const ms_input *in, ms_error *err, bool in_edges,
                      size_t at, const char *fmt, ...)
{
    char why[512], where[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (at == SIZE_MAX)
        snprintf(where, sizeof where, "%s", in->name);
    else
        ms_input_where(in, v8_value_offset(in, in_edges ? s->edges_off : s->nodes_off, at), where,
                       sizeof where);
    ms_error_set(err, MS_ERR_INPUT, "%s: %s", where, why);
    return -1;
}

/* Checks the arrays against meta and each other, and turns each edge's
 * to_node (a position in nodes) into a node index. Returns 0, or -1 with
 * err filled: the message names the array element, and its position is
 * the value at fault's. */
int v8_check_arrays(v8snap *s, const ms_input *in, ms_error *err)
{
    const size_t none = SIZE_MAX;
    if (s->nodes_len % s->nf)
        return check_fail(s, in, err, false, none,
                          "nodes: %zu values is not a multiple of %u node fields", s->nodes_len,
                          s->nf);
    if (s->edges_len % s->ef)
        return check_fail(s, in, err, false, none,
                          "edges: %zu values is not a multiple of %u edge fields", s->edges_len,
                          s->ef);
    size_t n = s->nodes_len / s->nf, m = s->edges_len / s->ef;
    if (n == 0)
        return check_fail(s, in, err, false, none, "nodes: no nodes");
    if (n > MS_MAX_NODES || m > MS_MAX_EDGES - n)
        return check_fail(s, in, err, false, none, "too many nodes or edges (%zu, %zu)", n, m);
    if (s->node_count >= 0 && (size_t)s->node_count != n)
        return check_fail(s, in, err, false, none,
                          "snapshot.node_count is %" PRId64 " but nodes holds %zu", s->node_count,
                          n);
    if (s->edge_count >= 0 && (size_t)s->edge_count != m)
        return check_fail(s, in, err, false, none,
                          "snapshot.edge_count is %" PRId64 " but edges holds %zu", s->edge_count,
                          m);
    if (s->root_index >= 0 && ((size_t)s->root_index % s->nf ||
                               (size_t)s->root_index / s->nf >= n))
        return check_fail(s, in, err, false, none, "snapshot.root_index %" PRId64 " is not a node",
                          s->root_index);
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        const uint32_t *f = s->nodes + i * s->nf;
        if (f[s->n_type] >= s->nntypes)
            return check_fail(s, in, err, false, i * s->nf + (size_t)s->n_type,
                              "nodes[%zu]: node type %u is not in meta.node_types", i,
                              f[s->n_type]);
        if (f[s->n_name] >= s->nstr)
            return check_fail(s, in, err, false, i * s->nf + (size_t)s->n_name,
                              "nodes[%zu]: name %u is not a string index", i, f[s->n_name]);
        sum += f[s->n_edges];
    }
    if (sum != m)
        return check_fail(s, in, err, false, none,
                          "nodes: edge counts add up to %" PRIu64 " but edges holds %zu", sum, m);
    if (s->edges)
        split_edges(s, m);
    const uint64_t nf_inv = UINT64_MAX / s->nf + 1;
    for (size_t e = 0; e < m; e++) {
        uint32_t t = s->etype[e];
        if (t >= s->netypes)
            return check_fail(s, in, err, true, e * s->ef + (size_t)s->e_type,
                              "edges[%zu]: edge type %" PRIu64 " is not in meta.edge_types", e,
                              t == ET_BAD && s->bad_etype ? s->bad_etype - 1 : (uint64_t)t);
        uint32_t to = s->eto[e], w = fast_div(to, nf_inv);
        if (w * s->nf != to || w >= n)
            return check_fail(s, in, err, true, e * s->ef + (size_t)s->e_to,
                              "edges[%zu]: to_node %u is not a node", e, to);
        if ((int)t != s->et_element && (int)t != s->et_hidden && s->ename[e] >= s->nstr)
            return check_fail(s, in, err, true, e * s->ef + (size_t)s->e_name,
                              "edges[%zu]: name %u is not a string index", e, s->ename[e]);
        s->eto[e] = w;
    }
    return 0;
}

size_t v8_value_offset(const ms_input *in, size_t off, size_t k)
{
    const unsigned char *p = in->data + off, *end = in->data + in->size;
    for (size_t i = 0;; i++) {
        while (p < end && (*p < '0' || *p > '9'))
            p++;
        if (i == k || p >= end)
            return (size_t)(p - in->data);
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
}


/* The reader table's where: "FILE:LINE:COL" of node k's first value in the
 * nodes array, found again from the top of the file (the snapshot's meta
 * says how many values a node has). */
void v8_where(const ms_input *in, uint32_t node, char *buf, size_t n)
{
    jscan js;
    js_init(&js, in, NULL);
    v8snap s;
    memset(&s, 0, sizeof s);
    size_t off = SIZE_MAX;
    if (js_expect(&js, '{', "'{'") == 0) {
        for (int more = js_empty(&js, '}'); more > 0 && off == SIZE_MAX;
             more = js_next(&js, '}', "")) {
            const char *key;
            size_t kn;
            const unsigned char *b;
            size_t len;
            js_ws(&js);
            if (js_string(&js, &key, &kn) || js_expect(&js, ':', "':'"))
                break;
            js_ws(&js);
            if (IS_LIT(key, kn, "nodes") && s.nf)
                off = v8_value_offset(in, (size_t)(js.p - js.base), (size_t)node * s.nf);
            else if (js_skip(&js, &b, &len) ||
                     (IS_LIT(key, kn, "snapshot") && parse_meta(&s, b, len, &js)))
                break;
        }
    }
    js_free(&js);
    v8_snap_free(&s);
    if (off == SIZE_MAX)
        snprintf(buf, n, "%s: nodes[%" PRIu32 "]", in->name, node);
    else
        ms_input_where(in, off, buf, n);
}
