/* v8snap.h — private to the V8 reader: the raw snapshot (meta, the flat
 * nodes and edges arrays, strings, allocation traces) as v8parse.c reads it
 * from the file, for v8.c, which applies DevTools' semantics to it. */
#ifndef MEMSCOPE_V8SNAP_H
#define MEMSCOPE_V8SNAP_H

#include "jscan.h"
#include "memscope/reader.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { DOM_UNKNOWN = 0, DOM_ATTACHED = 1, DOM_DETACHED = 2 };
/* An edge type too large for the byte etype keeps (no meta has so many). */
enum { ET_BAD = 255 };
/* Whether the n bytes at p are the string literal lit. */
#define IS_LIT(p, n, lit) ((n) == sizeof lit - 1 && memcmp((p), lit, (n)) == 0)
/* What a string may be, noted while reading strings (their bytes are at
 * hand then; later they would be a cache miss each). */
enum { SF_EPHEMERON = 1,      /* may name a WeakMap ephemeron edge (weakmap_table) */
       SF_OBJECT = 2,         /* "Object": objects so named are plain objects */
       SF_NATIVE_CONTEXT = 4, /* "system / NativeContext" (distances) */
       SF_SLOPPY_MAP = 8,     /* "sloppy_function_map" (distances) */
       SF_DESCRIPTORS = 16,   /* "(map descriptors)" (distances) */
       SF_CONTEXT = 32,       /* "system / NativeContext", alone or with " / URL" (roles) */
       SF_GLOBAL = 64,        /* "global_object", "global_proxy_object" (roles) */
       SF_DOM_TREES = 128     /* "(Document DOM trees)" */ };
/* A WeakMap ephemeron edge name (SF_EPHEMERON) and the id of its table. */
typedef struct v8eph {
    uint32_t str;
    uint64_t table;
} v8eph;

typedef struct v8snap {
    /* meta */
    uint32_t nf, ef;                 /* fields per node, per edge */
    int n_type, n_name, n_id, n_size, n_edges, n_detach, n_trace;
    /* allocation tracking (trace_function_info_fields, trace_node_fields) */
    int f_name, f_script, f_line, f_col, tf;   /* function infos: positions, fields */
    int t_id, t_fi, t_count, t_children, ttf;  /* trace tree nodes */
    int l_obj, l_script, l_line, l_col, lf; /* location_fields */
    uint32_t *locs;                  /* locations, raw */
    size_t locs_len;
    int f_sid;                       /* function infos' script_id */
    uint32_t *tfi;                   /* trace_function_infos, raw */
    size_t tfi_len;
    uint32_t *tid, *tfn, *tparent, *tcount; /* trace tree nodes: id, function, parent, count */
    uint32_t ntrace;
    int e_type, e_name, e_to;
    int t_hidden, t_array, t_string, t_object, t_code, t_closure, t_regexp, t_native,
        t_synthetic, t_cons, t_sliced, t_shape;
    int et_element, et_hidden, et_internal, et_shortcut, et_weak, et_invisible, et_property;
    char **ntypes;                   /* node type names */
    uint32_t nntypes, netypes;
    int64_t root_index;              /* -1 if absent */
    int64_t node_count, edge_count;  /* -1 if absent */
    /* arrays: nodes as in the file; edges by field (etype, ename, eto;
     * edges holds them interleaved only while a file that lists edges
     * before snapshot.meta is read: v8_check_arrays splits them) */
    uint32_t *nodes, *edges;
    uint8_t *etype;                  /* [m] edge type; ET_BAD: past 254 (bad_etype) */
    uint32_t *ename, *eto;           /* [m] name_or_index; to_node, a node index after
                                      * v8_check_arrays */
    uint64_t bad_etype;              /* the first edge type past 254, + 1; 0 if none */
    size_t nodes_len, edges_len;
    size_t nodes_off, edges_off;     /* where the arrays start, for messages */
    uint32_t *str;                   /* string index -> pool string */
    uint8_t *sflag;                  /* string index -> SF_* */
    v8eph *eph;                      /* the SF_EPHEMERON strings, by string index */
    uint32_t neph;
    uint32_t nstr;
    bool got_snapshot, got_nodes, got_edges, got_strings;
} v8snap;

/* Reads the whole file into s (strings into pool). Returns 0, or -1 with
 * the failure told by js (in the ms_error it was given). */
int v8_parse_file(jscan *js, v8snap *s, ms_strpool *pool, const ms_input *in,
                  const ms_load_opts *opts);
/* Checks the arrays against the meta (counts, types, edge targets) and
 * turns edge targets into node indices. Returns 0, or -1 with err filled
 * (MS_ERR_INPUT): "FILE:LINE:COL: what" at the offending value, or
 * "FILE: what" when no value is to blame. */
int v8_check_arrays(v8snap *s, const ms_input *in, ms_error *err);
/* Byte offset of value k of the integer array whose '[' is at off. */
size_t v8_value_offset(const ms_input *in, size_t off, size_t k);
void v8_snap_free(v8snap *s);
/* Whether string nm names a WeakMap ephemeron edge; *table then gets the
 * table's id. Reads no string: safe beside a thread adding to the pool. */
bool v8_ephemeron_table(const v8snap *s, uint32_t nm, uint64_t *table);
/* The reader table's sniff and where (v8parse.c). */
bool v8_sniff(const unsigned char *p, size_t n);
void v8_where(const ms_input *in, uint32_t node, char *buf, size_t n);

#endif
