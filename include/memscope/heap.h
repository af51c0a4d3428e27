/* heap.h — the in-memory heap graph every analysis shares.
 *
 * A struct of arrays indexed by 32-bit node index (0..n-1) in dump order.
 * Edges are stored in CSR order: node i's references are edges
 * edge_off[i] .. edge_off[i+1]-1, in the order the dump lists them (strong
 * references first, then weak ones). Type names, edge names and labels are
 * indices into one string pool, but for V8's element names "[k]" (see
 * ms_heap_edge_name). An object's 64-bit id is found by
 * ms_heap_find; a hash map for many lookups is built on demand
 * (ms_heap_index). Memory: 25 bytes per node plus 9 bytes per edge; the
 * optional columns (MS_NODE_COLUMNS: rc, len, site, gen; 4 bytes each),
 * distance (4), role (1) and root_kind (4) exist only if the dump has
 * them.
 *
 * Build a graph with ms_builder (below); readers in src/formats call it.
 * The graph owns all its arrays; ms_heap_free releases everything. */
#ifndef MEMSCOPE_HEAP_H
#define MEMSCOPE_HEAP_H

#include "memscope/common.h"
#include "memscope/strpool.h"

#include <stdbool.h>
#include <stdint.h>

/* Per-node flags. */
enum {
    MS_NODE_ROOT = 1 << 0,          /* marked as a root by the dump */
    MS_NODE_GC = 1 << 1,            /* "gc": tracked by the cycle collector */
    MS_NODE_GC_KNOWN = 1 << 2,      /* the record said whether it is tracked */
    MS_NODE_HAS_RC = 1 << 3,        /* rc[i] is meaningful */
    MS_NODE_HAS_LEN = 1 << 4,       /* len[i] is meaningful */
    MS_NODE_LABEL_IS_NAME = 1 << 5, /* label came from "name", not "value" */
    MS_NODE_FINALIZER = 1 << 6,     /* "finalizer": collecting it runs code */
    MS_NODE_BOUNDED = 1 << 7        /* "bound": a container that holds at most so
                                     * many items (a deque's maxlen, an
                                     * lru_cache's maxsize) */
};

/* What a node is to its runtime, for the analyses that read a heap as a
 * developer would (suspects, detached DOM, diff's leaks). Set by readers
 * that know it (V8, Ruby) or after the load from the types (CPython:
 * src/formats/roles.h); a graph without them has role == NULL. Bits: */
enum {
    MS_ROLE_HOLDER = 1 << 0,   /* a structural holder (the root, GC root
                                * categories, a global object, a native
                                * context): never a leak suspect; the
                                * suspect search starts below it */
    MS_ROLE_ENGINE = 1 << 1,   /* the engine's own bookkeeping (hidden
                                * objects, element stores, code, maps):
                                * memory gathered in one is reported at the
                                * nearest dominator that is not */
    MS_ROLE_NATIVE = 1 << 2,   /* an embedder (C++) object */
    MS_ROLE_DOM = 1 << 3,      /* a DOM node, attached or detached */
    MS_ROLE_DETACHED = 1 << 4, /* a DOM node outside any document */
    MS_ROLE_BASELINE = 1 << 5, /* the runtime's static part, that every
                                * program carries (definitions, code, their
                                * constants): never a leak suspect nor a
                                * member of a group suspect; runtime churn in
                                * a diff */
    MS_ROLE_NAMED = 1 << 6,    /* referred to by the baseline (a module-level
                                * variable, a class attribute, a function's
                                * default): under the virtual root it is
                                * judged on its own, never in a group */
    MS_ROLE_VALUE = 1 << 7     /* its value never changes (CPython's str, bytes,
                                * numbers): where a runtime reuses addresses,
                                * an object at the same id with another size or
                                * value is another object */
};

/* Edge kinds. */
enum { MS_EDGE_STRONG = 0, MS_EDGE_WEAK = 1, MS_EDGE_INTERNAL = 2 };

#define MS_NONE UINT32_MAX       /* "no node" */
#define MS_MAX_NODES (UINT32_MAX - 1)
#define MS_MAX_EDGES UINT32_MAX
#define MS_MAX_SIZE (UINT64_C(1) << 48) /* larger object sizes are rejected */

/* id -> node index: open addressing over node indices; keys live in id[].
 * The slots form 2^part_bits partitions of mask+1 slots each (see idmap.c). */
typedef struct ms_idmap {
    uint32_t *slots;     /* MS_NONE = empty */
    uint32_t mask;       /* slots per partition - 1 (power of two) */
    uint32_t part_bits;  /* 0 or 1 */
    uint32_t part_shift; /* log2(slots per partition) */
    uint32_t *order;     /* [n] the nodes by id ascending, or NULL: what an index
                          * keeps instead of slots (ms_heap_id_order) */
} ms_idmap;

/* Allocation stacks, as a tree: stack s's innermost frame is frame[s] (a
 * string index, "NAME (SCRIPT:LINE:COLUMN)" or "FILE:LINE") and its
 * callers are stack parent[s] (MS_NONE at the outermost frame). */
typedef struct ms_sites {
    uint32_t count;
    uint32_t *frame;       /* [count] */
    uint32_t *parent;      /* [count] */
} ms_sites;

/* Where an object was defined (V8's "locations": closures and some
 * objects): script (string index: its name, or "script N"), 1-based line
 * and column. */
typedef struct ms_location {
    uint32_t node, script, line, column;
} ms_location;

/* The optional per-node columns that records carry, listed once: each is a
 * uint32_t field of ms_record and a uint32_t array of ms_heap (NULL until
 * some record has one), which the builder makes, grows, joins, shrinks and
 * frees together. X(name, flag): flag is the MS_NODE_* bit by which a
 * record says it has a value, or 0 where a value of 0 means none. */
#define MS_NODE_COLUMNS(X)   \
    X(rc, MS_NODE_HAS_RC)    \
    X(len, MS_NODE_HAS_LEN)  \
    X(site, 0)               \
    X(gen, 0)

typedef struct ms_heap {
    uint32_t n;            /* nodes */
    uint32_t m;            /* edges (strong + weak) */
    uint64_t *id;          /* [n] object id as given in the dump */
    uint32_t *type;        /* [n] type name (string index) */
    uint32_t *size;        /* [n] shallow size; MS_SIZE_BIG: see big_size (use ms_heap_size) */
    uint32_t *label;       /* [n] name or value (string index, 0 = none) */
    uint8_t *flags;        /* [n] MS_NODE_* */
    uint32_t *rc;          /* [n] reference count, saturated; NULL if none had rc */
    uint32_t *len;         /* [n] container length, saturated; NULL if none had len */
    int32_t *distance;     /* [n] V8: DevTools' distance (see man page); NULL for other dumps */
    uint8_t *role;         /* [n] MS_ROLE_* bits; NULL unless the reader sets them */
    uint32_t *site;        /* [n] allocation stack + 1 (0 = none); NULL if the dump has none */
    ms_sites sites;        /* the stacks site[] names */
    uint32_t *gen;         /* [n] Ruby: GC generation + 1 (0 = unknown); NULL if none had one */
    uint32_t *root_kind;   /* [n] string naming the kind of root a root is ("global_tbl"),
                            * 0 = none; NULL unless the dump names its roots */
    ms_location *loc;      /* [nloc] sorted by node; NULL if the dump has none */
    uint32_t nloc;
    uint32_t *edge_off;    /* [n+1] */
    uint32_t *edge_to;     /* [m] target node */
    uint32_t *edge_name;   /* [m] edge name (string index, 0 = none) */
    uint8_t *edge_kind;    /* [m] MS_EDGE_* */
    uint32_t *in_off;      /* [n+1] CSR of the references into each node, built by
                            * ms_heap_preds */
    uint32_t *in_from;     /* [m] the source of each reference into each node (weak
                            * ones too), in edge order: by source, a source's
                            * references to the node next to each other */
    uint64_t *big_size;    /* [2*nbig] pairs (node, size) sorted by node */
    uint32_t nbig;
    ms_strpool strings;
    ms_idmap ids;
    uint32_t *roots;       /* header "roots", resolved; then nodes marked "root" */
    uint32_t nroots;
    uint64_t total_size;   /* sum of size[] */
    uint64_t dangling;     /* references to ids absent from the dump, dropped */
    uint64_t dangling_roots; /* header roots absent from the dump, dropped */
    uint64_t dangling_from, dangling_to; /* ids of the first dangling reference */
    bool has_header;
    bool index_names;      /* edge_name may hold MS_NAME_INDEX | k (V8): see
                            * ms_heap_edge_name */
    bool tracing_gc;       /* the runtime's collector traces from its roots
                            * (V8): unreachable cycles are freed, not leaked */
    char *meta_json;       /* the header's "meta" object as JSON text, or NULL */
    /* Analyses kept with the graph: its roots and dominator tree, from an
     * index file or computed to write one (struct ms_heap_cache, index.h);
     * NULL if none. cache_free releases it with the graph. */
    struct ms_heap_cache *cache;
    void (*cache_free)(struct ms_heap *h);
    /* The index file the arrays lie in when the graph was opened from one
     * (ms_index_open), mapped copy-on-write; NULL otherwise. ms_heap_release
     * frees an array unless it lies there. */
    void *map;
    size_t map_len;
    char *source;          /* file name the graph was read from */
    const char *format;    /* the reader's name: "native" or "v8" (static) */
} ms_heap;

void ms_heap_free(ms_heap *h);
/* free(p), unless p lies in h's mapped index file. */
void ms_heap_release(const ms_heap *h, void *p);

/* Sizes of 2^32-1 bytes or more are kept out of line. */
#define MS_SIZE_BIG UINT32_MAX
uint64_t ms_heap_big_size(const ms_heap *h, uint32_t node);
/* Shallow size of a node in bytes. */
static inline uint64_t ms_heap_size(const ms_heap *h, uint32_t node)
{
    uint32_t s = h->size[node];
    return s != MS_SIZE_BIG ? s : ms_heap_big_size(h, node);
}

/* h->edge_kind when some reference is weak, else NULL: a pass that skips
 * weak references then reads no kinds, one cache miss less for each node
 * it enters on a heap without locality. Scans the kinds (m bytes). */
const uint8_t *ms_heap_weak_kinds(const ms_heap *h);

/* For a depth-first search about to enter node v: returns v's first
 * reference, and fetches ahead the reference lists' offsets of the first
 * few nodes v refers to. Without it a search's step costs three cache
 * misses in a row on a heap without locality (the next node's mark, its
 * offset, its references); with it the mark and the offset arrive
 * together. */
static inline uint32_t ms_heap_prefetch_targets(const ms_heap *h, uint32_t v)
{
    enum { AHEAD = 8 };
    uint32_t first = h->edge_off[v], stop = h->edge_off[v + 1];
    if (stop - first > AHEAD)
        stop = first + AHEAD;
    for (uint32_t e = first; e < stop; e++)
        __builtin_prefetch(&h->edge_off[h->edge_to[e]]);
    return first;
}

/* Index of the object with this id, or MS_NONE. Uses the id map when
 * ms_heap_index has built it, else the id order (a binary search), else
 * scans the id array (fine for a few lookups; call ms_heap_index before
 * many). */
uint32_t ms_heap_find(const ms_heap *h, uint64_t id);
/* Builds h->ids.order (4 bytes per object), for an index to keep: a radix
 * sort of the ids. */
void ms_heap_id_order(ms_heap *h);
/* Builds the id -> index hash map (about 4-8 bytes per object). */
void ms_heap_index(ms_heap *h);

/* V8 names element and hidden references by index, "[k]"; a snapshot has
 * millions, so they are not strings of the pool: edge_name holds
 * MS_NAME_INDEX | k (k below 2^31) where h->index_names is set. */
#define MS_NAME_INDEX UINT32_C(0x80000000)
/* Room for "[k]" and its NUL. */
#define MS_INDEX_NAME_MAX 16
/* Writes "[k]" into buf; returns its length. */
size_t ms_index_name(char buf[MS_INDEX_NAME_MAX], uint32_t k);
/* The name of reference e ("" for none): a string of the pool, or "[k]"
 * written into buf (which then must outlive the use of the result). */
const char *ms_heap_edge_name(const ms_heap *h, uint32_t e, char buf[MS_INDEX_NAME_MAX]);

static inline const char *ms_heap_str(const ms_heap *h, uint32_t s)
{
    return ms_strpool_get(&h->strings, s);
}
static inline const char *ms_heap_type_name(const ms_heap *h, uint32_t node)
{
    return ms_strpool_get(&h->strings, h->type[node]);
}

/* Where node was defined, or NULL (binary search of loc). */
const ms_location *ms_heap_location(const ms_heap *h, uint32_t node);

/* Builds the CSR of the references into each node (in_off, in_from): the
 * source of every edge, weak ones too, in edge order. Idempotent; the arrays belong to the
 * graph. */
void ms_heap_preds(ms_heap *h);
/* Builds a predecessor CSR into *off ([n+1]) and *from: for every node, one
 * entry per reference to it, in the order of the referrers' edges: the
 * referrer's node index, or with edges the reference's edge index. Over
 * strong and internal references and, if weak, weak ones too. The caller
 * frees both. */
void ms_heap_reverse(const ms_heap *h, bool weak, bool edges, uint32_t **off, uint32_t **from);
/* The same over renumbered nodes: num[v] is node v's number in 1..count, or
 * 0 to leave v out; *off ([count+2]) is indexed by number and *from holds
 * the referrers' numbers, from referrers that have one, each list in no
 * particular order. References to a
 * node left out must come only from nodes left out (true of numbers given
 * to what the roots reach along the same kinds of reference). indeg
 * (optional, from ms_heap_indegree; not with weak): the lists are then
 * counted from it rather than by a pass over the references, and a
 * referrer left out is listed as 0. */
void ms_heap_reverse_numbered(const ms_heap *h, const uint32_t *num, uint32_t count, bool weak,
                              const uint32_t *indeg, uint32_t **off, uint32_t **from);
/* The number of strong and internal references to each node ([n], the
 * caller frees): what ms_heap_reverse_numbered can count from, computed
 * before the numbers are known. */
uint32_t *ms_heap_indegree(const ms_heap *h);
/* The node whose references include edge e. */
uint32_t ms_heap_edge_source(const ms_heap *h, uint32_t e);
/* The first node at or after lo whose references start at edge e or past
 * (h->n if none): where to split work on the references by edges. Needs
 * edge_off[lo..n-1] set, not edge_off[n]. */
uint32_t ms_heap_first_node_from(const ms_heap *h, uint32_t lo, uint64_t e);

/* Bytes held by the graph's arrays (not counting pred CSR and strings), and
 * by its string pool. */
size_t ms_heap_node_memory(const ms_heap *h);
size_t ms_heap_edge_memory(const ms_heap *h);

/* ---- building -------------------------------------------------------- */

/* One object record as a reader hands it over. Strings are already interned
 * in the builder's pool (ms_builder_strings). Arrays are borrowed for the
 * call. (The native and Ruby readers zero it field by field, the columns
 * with MS_NODE_COLUMNS.) */
typedef struct ms_record {
    uint64_t id;
    uint32_t type;
    uint64_t size;
    uint32_t label;
    uint8_t flags;        /* MS_NODE_* */
    uint32_t rc, len;     /* valid if MS_NODE_HAS_RC / MS_NODE_HAS_LEN */
    uint32_t site;        /* allocation stack + 1 (ms_builder_set_sites), 0 = none */
    uint32_t gen;         /* GC generation + 1, 0 = unknown */
    const uint64_t *refs; /* strong references, in order */
    const uint32_t *names;/* [nrefs] edge names, or NULL */
    uint32_t nrefs;
    const uint64_t *weak; /* weak references */
    uint32_t nweak;
} ms_record;

typedef struct ms_builder ms_builder;

ms_builder *ms_builder_new(void);
/* Makes room for `nodes` objects and `edges` references in all, so that a
 * reader that can estimate its input's size grows its arrays (and joins its
 * threads' builders) without moving them. Room never written costs address
 * space only: the arrays are big enough to be mapped, not zeroed. */
void ms_builder_reserve(ms_builder *b, size_t nodes, uint64_t edges);
/* Frees a builder that was not finished. */
void ms_builder_free(ms_builder *b);
ms_strpool *ms_builder_strings(ms_builder *b);
/* Adds one object. Returns MS_OK, or MS_ERR_LIMIT past MS_MAX_NODES/EDGES
 * or when sizes add up past 2^62 (message in err). Duplicate ids are found
 * by ms_builder_finish. */
ms_status ms_builder_add(ms_builder *b, const ms_record *r, ms_error *err);
/* Adds a root id from a header. */
void ms_builder_add_root(ms_builder *b, uint64_t id);
/* The same, naming the kind of root (a string of the builder's pool): the
 * first kind given for an object is its root_kind. */
void ms_builder_add_named_root(ms_builder *b, uint64_t id, uint32_t kind);
/* Sets node k's type, and its label (is_name: a name rather than a value),
 * for readers that know them only after the whole dump (Ruby's classes). */
void ms_builder_set_type(ms_builder *b, uint32_t k, uint32_t type);
void ms_builder_set_label(ms_builder *b, uint32_t k, uint32_t label, bool is_name);
/* Takes ownership of role[ms_builder_count(b)] (MS_ROLE_* per node); no
 * ms_builder_add after this. */
void ms_builder_set_roles(ms_builder *b, uint8_t *role);
/* Sets node k's allocation stack + 1 (0 = none). */
void ms_builder_set_site(ms_builder *b, uint32_t k, uint32_t site);
/* Takes ownership of the header's "meta" JSON text. */
void ms_builder_set_meta(ms_builder *b, char *meta_json_owned);
void ms_builder_set_header(ms_builder *b);
/* Takes ownership of the dump's allocation stacks (a header's "stacks"):
 * frame and parent arrays of count entries, as in ms_sites. */
void ms_builder_set_sites(ms_builder *b, uint32_t *frame, uint32_t *parent, uint32_t count);
uint32_t ms_builder_count(const ms_builder *b);
/* The graph being built: node arrays are valid up to ms_builder_count. */
const ms_heap *ms_builder_heap(const ms_builder *b);
/* Appends every object of src after those of dst (its strings added with
 * ms_strpool_append; roots and their kinds, generations) and frees src.
 * Used to join chunks parsed by separate threads; dst's arrays move only if
 * ms_builder_reserve did not make room for both. Sites are copied as they
 * are: a reader whose chunks number their stacks apart rewrites them
 * (ms_builder_set_site).
 * remap (optional): src's string index -> dst's, for the caller to free.
 * Returns MS_OK or MS_ERR_LIMIT. */
ms_status ms_builder_append(ms_builder *dst, ms_builder *src, uint32_t **remap, ms_error *err);
/* The arrays a reader doing a direct build hands over: malloc'ed, off
 * n + 1 entries, the others m at least; NULL for one the builder is to
 * allocate. The graph takes them over (and frees them on error). */
typedef struct ms_direct_edges {
    uint32_t *off, *to, *name;
    uint8_t *kind;
} ms_direct_edges;
/* Direct building, for readers whose references name their targets by
 * position (V8): sizes the graph at n nodes and m edges, and gives the
 * graph returned edge_off[0..n], edge_to, edge_name and edge_kind (those
 * given, or new ones) for the reader to fill; ms_builder_direct_nodes
 * then allocates id (unless given: n entries, malloc'ed, taken over),
 * type, label, flags and sizes (set with ms_builder_set_size). Then
 * ms_builder_finish as usual (which only checks that ids are distinct and
 * resolves roots). No ms_builder_add after this. Returns NULL with err set
 * past MS_MAX_NODES/EDGES. */
ms_heap *ms_builder_direct(ms_builder *b, uint32_t n, uint64_t m, ms_direct_edges given,
                           ms_error *err);
ms_heap *ms_builder_direct_nodes(ms_builder *b, uint64_t *id);
/* Sets node k's shallow size (ms_builder_add does it for its record). */
void ms_builder_set_size(ms_builder *b, uint32_t k, uint64_t size);
/* Resolves reference ids to node indices (dropping and counting dangling
 * ones) and moves everything into a new graph; frees the builder. Returns
 * MS_OK and *out; or, if two objects share an id, MS_ERR_INPUT with err's
 * message "duplicate id", err->node[0] the index of the later object and
 * err->node[1] the earlier (the builder is freed, *out NULL): the reader's
 * where (reader.h) turns them into positions. */
ms_status ms_builder_finish(ms_builder *b, ms_heap **out, ms_error *err);
/* ms_builder_finish, also setting *resolve_s to the seconds it spent
 * resolving references (and checking ids), for the load's statistics. */
ms_status ms_builder_finish_timed(ms_builder *b, ms_heap **out, double *resolve_s,
                                  ms_error *err);

#endif
