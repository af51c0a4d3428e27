/* analysis.h — analyses over a heap graph. Each is a pure function of the
 * graph and its options; results are plain arrays owned by the caller. */
#ifndef MEMSCOPE_ANALYSIS_H
#define MEMSCOPE_ANALYSIS_H

#include "memscope/heap.h"

/* ---- roots (src/analysis/roots.c) ----------------------------------- */

/* How the roots were found, in order of preference. */
typedef enum ms_root_rule {
    MS_ROOTS_DUMP,          /* the header's "roots" and records marked "root" */
    MS_ROOTS_REFCOUNT,      /* CPython's collector rule on "rc" */
    MS_ROOTS_NO_REFERRERS   /* objects nothing references (strongly) */
} ms_root_rule;

typedef struct ms_roots {
    ms_root_rule rule;
    uint32_t *nodes;   /* owned; free() */
    uint32_t count;
    /* Refcount rule: tracked objects with fewer references (rc) than
     * references from tracked objects — impossible in a consistent dump —
     * and the first of them (MS_NONE if none). */
    uint64_t inconsistent;
    uint32_t first_inconsistent;
} ms_roots;

/* Finds the roots of h by the first rule that applies: roots given by the
 * dump; else, if any record has "rc", tracked objects (gc absent counts as
 * tracked) whose rc exceeds their strong references from tracked objects;
 * else objects with no strong referrers. */
void ms_roots_find(const ms_heap *h, ms_roots *out);
void ms_roots_free(ms_roots *r);
/* Short machine name ("dump", "refcount", "no-referrers") and a phrase. */
const char *ms_root_rule_name(ms_root_rule rule);
const char *ms_root_rule_text(ms_root_rule rule);

/* ---- type histogram (src/analysis/types.c) -------------------------- */

typedef struct ms_type_row {
    uint32_t type;     /* string index of the type name */
    uint64_t count;
    uint64_t bytes;    /* shallow */
    uint64_t retained; /* filled by ms_type_retained; 0 until then */
} ms_type_row;

typedef enum ms_type_sort { MS_SORT_BYTES, MS_SORT_COUNT, MS_SORT_RETAINED } ms_type_sort;

/* Returns one row per distinct type, sorted by the key descending (ties:
 * the other key, then name). *nrows gets the count; free() the array. */
ms_type_row *ms_type_histogram(const ms_heap *h, ms_type_sort sort, uint32_t *nrows);
struct ms_domtree;
/* Fills rows[].retained: the summed retained size of the type's objects that
 * no other object of the same type dominates (DevTools' Summary view), then
 * re-sorts the rows by sort. */
void ms_type_retained(const ms_heap *h, const struct ms_domtree *dt, ms_type_row *rows,
                      uint32_t nrows, ms_type_sort sort);
/* The same two with any per-node key (a string index of h's pool) in the
 * place of the type: rows[].type then holds keys. */
ms_type_row *ms_key_histogram(const ms_heap *h, const uint32_t *key, ms_type_sort sort,
                              uint32_t *nrows);
void ms_key_retained(const ms_heap *h, const uint32_t *key, const struct ms_domtree *dt,
                     ms_type_row *rows, uint32_t nrows, ms_type_sort sort);

struct ms_domtree;
/* ms_key_retained in two steps, the first needing no rows (so that it may
 * run beside ms_key_histogram): the retained sizes by key, indexed by
 * string index (h->strings.count + 1 entries; free() it), then put into
 * the rows, which are re-sorted by sort. */
uint64_t *ms_key_retained_by_key(const ms_heap *h, const uint32_t *key,
                                 const struct ms_domtree *dt);
void ms_rows_set_retained(const ms_heap *h, ms_type_row *rows, uint32_t nrows,
                          const uint64_t *by_key, ms_type_sort sort);
/* Retained bytes of groups of objects, each object counted in a group only
 * when no other object of the group dominates it (type and site retained
 * sizes). key[i] names number i's list of groups, list[off[key[i]] ..
 * off[key[i]+1]) (an empty one for none; key[0] is not read), groups
 * below ngroups; retained[g] (zeroed by the caller) gets the sums. One depth-first walk
 * of the dominator tree with an explicit stack. */
void ms_groups_retained(const struct ms_domtree *dt, const uint32_t *key, const uint32_t *off,
                        const uint32_t *list, uint32_t ngroups, uint64_t *retained);

/* ---- dominator tree (src/analysis/dominators.c) --------------------- */
/* The dominator tree over strong (and internal) references from a virtual
 * root whose children are the roots. Reachable objects are numbered 1..count
 * in depth-first preorder of the graph; number 0 is the virtual root. Every
 * array belongs to the tree (ms_domtree_free). */
typedef struct ms_domtree {
    uint32_t count;      /* reachable objects */
    uint32_t *num;       /* [h->n] number of each node; 0 = unreachable */
    uint32_t *vertex;    /* [count+1] node of each number; vertex[0] = MS_NONE */
    uint32_t *idom;      /* [count+1] number of the immediate dominator; idom[0] = 0 */
    uint64_t *retained;  /* [count+1] retained bytes; retained[0] = reachable bytes */
    uint32_t *kid_off;   /* [count+2] children of number i: kids[kid_off[i] .. kid_off[i+1]) */
    uint32_t *kids;      /* [count] child numbers, ascending (ms_domtree_sort_kids: by retained) */
} ms_domtree;
/* Computes the tree (h is not changed). Semi-NCA with iterative
 * depth-first search and path compression: no recursion, memory about 40
 * bytes per reachable object while it runs. */
void ms_dominators(const ms_heap *h, const ms_roots *roots, ms_domtree *out);
/* Only the numbering: count, num and vertex (what is reachable); idom holds
 * DFS parents and retained and the children are NULL. Enough for garbage
 * and cycle reachability, at a fraction of the cost. */
void ms_reachable(const ms_heap *h, const ms_roots *roots, ms_domtree *out);
void ms_domtree_free(ms_domtree *dt);
/* Sorts every child list by retained size descending, then number. */
void ms_domtree_sort_kids(ms_domtree *dt);
/* Retained size of a node, 0 if unreachable. */
static inline uint64_t ms_retained(const ms_domtree *dt, uint32_t node)
{
    uint32_t i = dt->num[node];
    return i ? dt->retained[i] : 0;
}

/* The k reachable objects retaining most (k = 0: all), by retained size
 * descending, then id ascending. Returns nodes (caller frees); *count gets
 * how many. */
uint32_t *ms_top_retainers(const ms_heap *h, const ms_domtree *dt, uint32_t k,
                           uint32_t *count);

/* ---- cycles (src/analysis/cycles.c) ---------------------------------- */
/* Strongly connected components over strong (and internal) references; a
 * cycle is a component of two or more objects, or one object referencing
 * itself. Cycles are numbered 1..count by bytes descending, then size
 * descending, then first member in dump order. */
typedef struct ms_cycle {
    uint32_t objects;    /* members */
    uint32_t first;      /* members are cyc->members[first .. first+objects), in dump order */
    uint64_t bytes;      /* shallow bytes of the members */
    uint32_t shape;      /* index into shapes (after ms_cycles_classify) */
    bool reachable;      /* from the roots (after ms_cycles_classify) */
} ms_cycle;
/* Cycles with the same multiset of member types. */
typedef struct ms_cycle_shape {
    char *text;          /* "{Node ×2}", "{Foo, dict}": types by name, "×k" for repeats */
    uint32_t cycles, garbage; /* cycles of this shape, and how many are garbage */
    uint64_t objects, bytes;
} ms_cycle_shape;
typedef struct ms_cycles {
    uint32_t *of;        /* [h->n] cycle number of each node, 0 = none */
    uint32_t count;      /* cycles */
    ms_cycle *cycle;     /* [count+1]; cycle[0] unused */
    uint32_t *members;   /* all members, grouped by cycle */
    uint64_t objects, bytes;   /* totals over all cycles */
    ms_cycle_shape *shapes;    /* sorted by bytes descending (ms_cycles_classify) */
    uint32_t nshapes;
    bool borrowed;       /* of, cycle and members are the graph's cache's
                          * (h->cache): ms_cycles_free frees the shapes only */
} ms_cycles;
/* Finds the cycles (iterative Tarjan). Reads only h's forward edges, so it
 * can run beside ms_dominators. */
void ms_cycles_find(const ms_heap *h, ms_cycles *out);
/* Marks which cycles are reachable (dt) and groups them by shape. */
void ms_cycles_classify(const ms_heap *h, const ms_domtree *dt, ms_cycles *c);
void ms_cycles_free(ms_cycles *c);

/* The roots, dominator tree and cycles kept with a graph (h->cache): read
 * from an index file, or computed to write one. ms_roots_find and
 * ms_analysis_run (with MS_RUN_DOMINATORS, MS_RUN_CYCLES) take them from
 * there instead of computing them again; they are the graph's, freed with
 * it. */
struct ms_heap_cache {
    ms_roots roots;
    ms_domtree dom;
    ms_cycles cycles;    /* as ms_cycles_find leaves them: no shapes */
    uint32_t *parent;    /* [n] ms_bfs_parents over roots, the whole search */
};

/* ---- garbage (src/analysis/garbage.c) ------------------------------- */
/* Objects unreachable from the roots. */
typedef struct ms_garbage {
    uint64_t objects, bytes;
    uint64_t tracked;      /* of those, records saying "gc": 1 */
    uint64_t in_cycles;    /* of those, members of cycles */
    uint32_t cycles;       /* garbage cycles */
    uint64_t finalizers;   /* garbage objects whose collection runs code ("finalizer") */
    uint32_t finalizer_cycles; /* garbage cycles holding one: a collector runs the
                                * finalizers first, which may keep the cycle alive */
} ms_garbage;
void ms_garbage_count(const ms_heap *h, const ms_domtree *dt, const ms_cycles *c,
                      ms_garbage *out);
/* Whether the dump says the object is tracked by the cycle collector: 1, 0,
 * or -1 when the record does not say. */
int ms_node_tracked(const ms_heap *h, uint32_t node);

/* ---- retaining paths (src/analysis/paths.c) ------------------------- */
/* Breadth-first search from the roots over strong (and internal)
 * references, in root order then reference order. Returns parent[h->n]:
 * the node each was first reached from, the node itself for roots, MS_NONE
 * if unreachable or not reached (caller frees). With nstop > 0 the search
 * stops once every node of stop[0..nstop) is reached (or all is searched). */
uint32_t *ms_bfs_parents(const ms_heap *h, const ms_roots *roots, const uint32_t *stop,
                         uint32_t nstop);
/* As ms_bfs_parents, but the graph's own when it keeps them (h->cache, for
 * roots equal to its cache's: the whole search, which agrees with any
 * stopped one on every node that one reached). Give it back with
 * ms_bfs_parents_release. */
const uint32_t *ms_bfs_parents_shared(const ms_heap *h, const ms_roots *roots,
                                      const uint32_t *stop, uint32_t nstop);
void ms_bfs_parents_release(const ms_heap *h, const uint32_t *parent);
/* The shortest path root .. node from parent[]: returns its length in nodes
 * (0 if unreachable) and *path (caller frees; NULL when 0). */
uint32_t ms_path_from_parents(const uint32_t *parent, uint32_t node, uint32_t **path);
/* Of targets[0..ntargets), the index of the one nearest a root by
 * parent[] (of n nodes), the first on a tie; MS_NONE if none is reachable.
 * Linear in n, however long the paths. */
uint32_t ms_path_nearest(const uint32_t *parent, uint32_t n, const uint32_t *targets,
                         uint32_t ntargets);
/* The name node is reached by: of the last hops references on its path
 * from parent[], the nearest whose name a developer wrote (a variable,
 * attribute, a namespace's key or a property: not an index, a cache's
 * key, a namespace, an engine's internal reference, nor a reference to the
 * engine's own store, as a Map's table). Returns its string index, 0 if
 * none. */
uint32_t ms_path_name(const ms_heap *h, const uint32_t *parent, uint32_t node, uint32_t hops);
/* Whether edge e's name names what it leads to as a developer wrote it:
 * a variable, attribute, dict key or property (not an index, a dict's key
 * slot, a namespace or an engine's internal reference). */
bool ms_edge_names_target(const ms_heap *h, uint32_t e);
/* Whether edge e, from node from, is a variable's name: it names its
 * target (ms_edge_names_target), and when it is a dict key ('key'), the
 * dict is a namespace (a structural holder, as a module's dict, or an
 * object's __dict__: up, the edge into from, is named __dict__) rather
 * than data (a cache's key). Without roles, any key. up may be MS_NONE. */
bool ms_edge_is_name(const ms_heap *h, uint32_t e, uint32_t from, uint32_t up);
/* Index of the first strong or internal edge from -> to, or MS_NONE. */
uint32_t ms_edge_between(const ms_heap *h, uint32_t from, uint32_t to);
/* For every node, ms_edge_between(parent[v], v) (MS_NONE for roots and the
 * unreached), all in one pass over the edges: for many paths through wide
 * containers, where one ms_edge_between per hop would scan a container's
 * references again for each path. Returns the array (caller frees). */
uint32_t *ms_parent_edges(const ms_heap *h, const uint32_t *parent);

/* ---- path signatures (src/analysis/signature.c) --------------------- */
/* Edge name e as a signature sees it: "[]" for an element index, "#" for
 * V8's bare numbers, "''" for an ordinary dict's key (not one of a
 * namespace, the __dict__ just passed); else e. */
const char *ms_sig_edge_name(const char *e, bool namespace);
/* The signature of node v's path from parent[] (ms_bfs_parents) into *buf
 * (capacity *cap, grown; the caller frees): its types and normalized
 * edges. text: "T --edge--> T ..." with tab, newline, carriage return and
 * backslash escaped (for baseline files), else a key with \x1e and \x1f
 * between the parts. edge_in (ms_parent_edges) or NULL to look each edge
 * up. Returns its length (0 for a node with no path). */
size_t ms_path_signature(const ms_heap *h, const uint32_t *parent, const uint32_t *edge_in,
                         uint32_t v, bool text, char **buf, size_t *cap);
/* Appends s[0..n) to *buf (at *len, capacity *cap, NUL-terminated) with
 * tab, newline, carriage return and backslash escaped, as text signatures
 * are. */
void ms_sig_escape(char **buf, size_t *len, size_t *cap, const char *s, size_t n);
/* The text signature, malloc'd (the caller frees; "" with no path). */
char *ms_path_signature_text(const ms_heap *h, const uint32_t *parent, uint32_t v);

/* ---- leak suspects (src/analysis/suspects.c) ------------------------ */
/* After Eclipse MAT's leak report. With T = threshold% of the reachable
 * heap, the dominator tree is descended from the virtual root: a child
 * retaining >= T is followed down on its own when it is the only child of
 * its type, or retains at least twice the mean of its same-type siblings;
 * other children's memory accumulates in their parent. An object is a
 * suspect (an accumulation point) when what it retains beyond the children
 * followed down is >= T. Under the virtual root, same-type objects not
 * followed down that together retain >= T form a group suspect.
 *
 * Where the graph has roles (heap.h, V8): structural holders are never
 * suspects and every child of one retaining >= T is followed down (no
 * groups form under them: they would be the runtime's builtins); and an
 * accumulation point in the engine's own bookkeeping (a Map's table, an
 * Array's elements) is reported at its nearest dominator that is not, the
 * Map or Array a developer wrote, unless that is a holder. */
/* A type that a suspect's memory is made of: objects of the type in its
 * dominator subtree (itself included), how many and their shallow bytes. */
typedef struct ms_suspect_part {
    uint32_t type;       /* string index */
    uint32_t count;
    uint64_t bytes;
} ms_suspect_part;
enum { MS_SUSPECT_PARTS = 3, MS_SUSPECTS_MIN = 3 };

/* A tally of objects by type (parts.c): add dominator subtrees, then take
 * the MS_SUSPECT_PARTS types with most bytes (which resets it). */
typedef struct ms_parts {
    uint32_t *count;     /* by type string index */
    uint64_t *bytes;
    uint32_t *touched, *stack;
    size_t ntouched, cap, scap;
} ms_parts;
void ms_parts_init(ms_parts *t, const ms_heap *h);
void ms_parts_free(ms_parts *t);
/* Adds every object of the subtree under number top of dt. */
void ms_parts_add_subtree(ms_parts *t, const ms_heap *h, const struct ms_domtree *dt,
                          uint32_t top);
/* Writes the types with most bytes, most first, into out; returns how many. */
uint32_t ms_parts_take(ms_parts *t, ms_suspect_part out[MS_SUSPECT_PARTS]);

typedef struct ms_suspect {
    bool group;          /* a group of same-type objects under the virtual root */
    bool below;          /* under the threshold: one of the strongest candidates
                          * listed when fewer than MS_SUSPECTS_MIN suspects cross it */
    uint32_t node;       /* the accumulation point, or the group's largest member */
    uint32_t type;       /* type name (string index) */
    uint64_t retained;   /* the object's retained size, or the group's sum */
    uint32_t count;      /* 1, or the group's size */
    /* Largest same-type group among the objects the suspect dominates
     * directly (count 0 if none has two or more members). */
    uint32_t holds_type, holds_count;
    uint64_t holds_retained;
    /* Where most of the held objects (of holds_type, anywhere below the
     * suspect in the dominator tree) were allocated: the innermost frame
     * (string index; 0 if the dump has no sites or none of them has one),
     * and how many of how many (ms_suspects_sites). */
    uint32_t holds_site;
    uint32_t holds_site_count, holds_typed;
    /* The types that carry its retained size, most bytes first
     * (ms_suspects_describe; a group's are its largest member's). */
    ms_suspect_part parts[MS_SUSPECT_PARTS];
    uint32_t nparts;
    /* The name it is reached by: the nearest named reference on its path
     * from a root (a variable, attribute, key or property; string index,
     * 0 if none), from ms_suspects_name. */
    uint32_t name;
} ms_suspect;
/* Returns the suspects sorted by retained size descending; *count gets how
 * many (caller frees). threshold is a percentage in (0, 100]. When fewer
 * than MS_SUSPECTS_MIN cross it, the strongest found at a tenth of it
 * follow, marked below, up to that many: a small leak is still named. */
ms_suspect *ms_suspects_find(const ms_heap *h, const ms_domtree *dt, double threshold,
                             uint32_t *count);
/* Fills each suspect's holds_site from the graph's allocation sites, when
 * it has them: one walk of each suspect's dominator subtree. */
void ms_suspects_sites(const ms_heap *h, const ms_domtree *dt, ms_suspect *s, uint32_t n);
/* Fills each suspect's parts: one walk of its dominator subtree. */
void ms_suspects_describe(const ms_heap *h, const ms_domtree *dt, ms_suspect *s, uint32_t n);
/* Fills each suspect's name from parent[] (ms_bfs_parents). */
void ms_suspects_name(const ms_heap *h, const uint32_t *parent, ms_suspect *s, uint32_t n);

/* ---- detached DOM (src/analysis/detached.c) ------------------------- */
/* DOM nodes outside any document but still reachable (MS_ROLE_DETACHED:
 * on V8, the nodes DevTools names "Detached ..."). Retained bytes count
 * each detached node that no other detached node dominates (so nothing
 * twice); a type's retained bytes are those of its members among them, so
 * the types' add up to the total. A holder is the nearest dominator of such
 * an outermost detached node that a developer can act on: not the
 * embedder's nor the engine's own object, or else a structural holder
 * (heap.h); count is the detached nodes it holds. Needs the graph's roles:
 * has_dom is false and all is empty without them, or without DOM nodes. */
typedef struct ms_detached_type {
    uint32_t type;        /* string index */
    uint64_t count, bytes, retained;
} ms_detached_type;
typedef struct ms_detached_holder {
    uint32_t node;        /* MS_NONE: the virtual root (nothing holds them) */
    uint64_t count;       /* detached nodes held */
    uint64_t retained;    /* the holder's retained size */
} ms_detached_holder;
typedef struct ms_detached {
    bool has_dom;         /* the heap has DOM nodes at all */
    uint64_t count, bytes, retained;
    ms_detached_type *types;     /* by retained, then count, descending */
    uint32_t ntypes;
    ms_detached_holder *holders; /* by count, then retained, descending */
    uint32_t nholders;
} ms_detached;
void ms_detached_find(const ms_heap *h, const ms_domtree *dt, ms_detached *out);
void ms_detached_free(ms_detached *d);

/* ---- diff (src/analysis/diff.c) ------------------------------------- */
/* How objects are matched across dumps of one process: by id where the
 * runtime keeps ids (V8), by id and type where an id is an address that may
 * be reused (CPython), or not at all when the dumps share almost no ids. */
typedef enum ms_identity { MS_IDENTITY_ID, MS_IDENTITY_ID_TYPE, MS_IDENTITY_AGGREGATE } ms_identity;

/* One dump as diff sees it: the graph, its dominator tree and its type
 * histogram with retained sizes (ms_findings). Borrowed. */
typedef struct ms_diff_side {
    const ms_heap *h;
    const ms_domtree *dom;
    const ms_type_row *types;
    uint32_t ntypes;
    const uint32_t *key;   /* [n] what the rows group by (string indices): h->type, or
                            * each object's allocation site (diff --by site) */
} ms_diff_side;

/* A type's change from BEFORE to AFTER. new and freed (and their bytes)
 * compare the ids of the type's objects, as DevTools' calculateSnapshotDiff
 * does class by class: an object whose type changed counts as freed from
 * one and new in the other; and as DevTools' classes hold only objects of
 * some size, an object counts only where its size is not 0 (one whose
 * size became 0 counts as freed, one whose size stopped being 0 as new). */
typedef struct ms_diff_row {
    uint32_t type;       /* string index in ms_diff.names */
    uint64_t count_before, count_after, bytes_before, bytes_after;
    uint64_t new_count, freed_count, new_bytes, freed_bytes;
    uint64_t retained_before, retained_after;
} ms_diff_row;

/* An object in both dumps whose retained size grew. */
typedef struct ms_diff_grown {
    uint32_t node, before;   /* its node in AFTER and in BEFORE */
    uint64_t retained_before, retained_after;
} ms_diff_grown;

/* Why a leak cluster is left out of the list (leaks.c): the runtime's own
 * objects, a bounded structure's turnover at its bound, or minor (under
 * 1% of the largest cluster left in). */
typedef enum ms_churn { MS_CHURN_NONE, MS_CHURN_RUNTIME, MS_CHURN_BOUNDED, MS_CHURN_MINOR } ms_churn;

/* Leaked objects that are one leak (leaks.c: retained the same way, or by
 * one holder, or referring to one another). */
typedef struct ms_leak_cluster {
    uint32_t type;       /* type of its example (string index in FINAL) */
    uint32_t first;      /* the member retaining most (FINAL's node): the example */
    uint32_t count;      /* leak roots in it */
    uint32_t type_count; /* of them, those of the example's type (ms_diff_leaks_describe) */
    uint32_t members;    /* its members are ms_diff.members[members .. members+count) */
    uint64_t retained;   /* what they retain in FINAL */
    uint64_t objects;    /* leaked objects in it, folded ones included */
    uint32_t holder;     /* FINAL's node holding the example (its nearest old dominator,
                          * through the engine's stores), MS_NONE: the virtual root */
    uint32_t holder_num; /* the same as a number of FINAL's dominator tree (0: the root) */
    ms_churn churn;
    uint32_t name;       /* the name it is reached by (ms_path_name; string index, 0: none) */
    ms_suspect_part parts[MS_SUSPECT_PARTS]; /* what its members' memory is made of */
    uint32_t nparts;
    /* What its members hold: of the objects right below them in the
     * dominator tree (looking through the engine's own: a closure's
     * context, an Array's store), the type retaining most, how many and
     * what they retain (count 0: none). */
    uint32_t holds_type, holds_count;
    uint64_t holds_retained;
    char *signature;     /* its holder's retaining path without ids (the example's
                          * when the virtual root holds it): owned, set by
                          * ms_diff_leaks_sign */
    bool known;          /* listed in the baseline */
} ms_leak_cluster;

typedef struct ms_diff {
    ms_identity identity;
    uint64_t matched;            /* objects of AFTER found in BEFORE */
    ms_strpool names;            /* type names of the rows */
    ms_diff_row *rows;
    uint32_t nrows;
    size_t rowcap, nmap;
    uint32_t *rowmap;            /* names index -> row */
    ms_diff_grown *grown;        /* largest growth first */
    uint32_t ngrown;
    ms_leak_cluster *clusters;   /* most retained first */
    uint32_t nclusters;
    uint32_t *members;           /* FINAL's nodes, grouped by cluster */
    uint32_t *leak_parent;       /* FINAL's BFS parents toward the leak roots */
    uint32_t *grown_parent;      /* AFTER's BFS parents toward the grown objects */
    uint64_t leaked_objects;     /* leaked objects of the clusters that are not churn */
    uint64_t leaked_retained;    /* what they retain in all */
    uint32_t churn_clusters;     /* clusters of churn, listed only if asked for */
    uint64_t churn_objects, churn_retained;
} ms_diff;

void ms_diff_init(ms_diff *d);
void ms_diff_free(ms_diff *d);
/* For each node j of b, match[j]: a's node with the same id (and the same
 * type name if same_type), or MS_NONE; same[j] (if not NULL): whether a's
 * node of that id has the same type name. When both dumps have GC
 * generations (Ruby), a node of b whose generation is above every one of
 * a's was allocated after a: it matches nothing. Returns the number
 * matched. Builds a's id map. */
uint64_t ms_diff_match(ms_heap *a, const ms_heap *b, bool same_type, uint32_t *match,
                       uint8_t *same);
/* Fills d->rows from both sides' type histograms and, unless d->identity
 * is MS_IDENTITY_AGGREGATE, the new and freed counts from match and same
 * (ms_diff_match of a and b). */
void ms_diff_types(ms_diff *d, const ms_diff_side *a, const ms_diff_side *b,
                   const uint32_t *match, const uint8_t *same);
/* Objects matched in both whose retained size grew, the top largest (0 =
 * all) in d->grown, and their paths from b's roots (d->grown_parent). */
void ms_diff_grown_find(ms_diff *d, const ms_diff_side *a, const ms_diff_side *b,
                        const uint32_t *match, uint32_t top, const ms_roots *roots);
/* Orders the rows by key, descending (ties: size change, then name). */
typedef enum ms_diff_sort {
    MS_DIFF_SORT_SIZE, MS_DIFF_SORT_COUNT, MS_DIFF_SORT_RETAINED, MS_DIFF_SORT_NEW,
    MS_DIFF_SORT_ALLOC
} ms_diff_sort;
void ms_diff_sort_rows(ms_diff *d, ms_diff_sort key);
/* The leaks of three dumps (leaks.c): FINAL's objects that were new in
 * AFTER and are still there, folded into the leaked objects that dominate
 * them, clustered into one cluster per leak, with the churn told apart.
 * Fills d->clusters (the churn too only if all), d->members and
 * d->leak_parent (FINAL's BFS parents toward the leak roots). */
typedef struct ms_leak_input {
    const ms_diff_side *after, *final;
    const uint32_t *after_old;      /* [AFTER's n] BEFORE's node of each, MS_NONE if new */
    const uint32_t *final_in_after; /* [FINAL's n] AFTER's node of each, MS_NONE if new */
    const ms_roots *roots;          /* FINAL's */
    bool all;                       /* keep the churn in the list */
} ms_leak_input;
void ms_diff_leaks_find(ms_diff *d, const ms_leak_input *in);
/* Each cluster's signature in FINAL (h), and whether baseline lists it
 * (baseline NULL: none is known). */
struct ms_baseline;
void ms_diff_leaks_sign(ms_diff *d, const ms_heap *h, const struct ms_baseline *baseline);
/* Fills each cluster's name, parts and holds. */
void ms_diff_leaks_describe(ms_diff *d, const ms_diff_side *final);

/* ---- allocation sites (src/analysis/sites.c) ------------------------ */
/* Objects grouped by where they were allocated (the graph's site[] and
 * sites): by the innermost `frames` frames of their stacks joined by
 * " <- " (0 counts as 1), or with cumulative by every distinct frame of the
 * stack, each credited (tracemalloc's cumulative=True). A group's retained
 * bytes count each of its objects that no other object of the group
 * dominates, as type retained sizes do. */
typedef struct ms_site_type {
    uint32_t type;        /* string index in the graph */
    uint64_t count, bytes;
} ms_site_type;
typedef struct ms_site_row {
    uint32_t key;         /* the site's text: string index in ms_site_table.names */
    uint64_t count, bytes, retained;
    uint32_t top_type;    /* the type with most bytes here (graph string index) */
    uint64_t top_bytes;
    uint32_t types, ntypes; /* its types: ms_site_table.types[types .. types+ntypes) */
} ms_site_row;
typedef struct ms_site_table {
    ms_strpool names;
    ms_site_row *rows;    /* sorted by sort, descending (ties: bytes, then text) */
    uint32_t nrows;
    ms_site_type *types;
    uint32_t ntypes;
    uint64_t unattributed, unattributed_bytes; /* objects with no site */
    ms_type_sort sort;
} ms_site_table;
/* Fills t (empty when the graph has no sites). Free with ms_site_table_free. */
void ms_sites_group(const ms_heap *h, const ms_domtree *dt, uint32_t frames, bool cumulative,
                    ms_type_sort sort, ms_site_table *t);
void ms_site_table_free(ms_site_table *t);

/* ---- running the analyses (src/analysis/run.c) ---------------------- */
/* Roots, then the dominator tree and the cycles side by side on two
 * threads (ms_parallel_tasks), then the cycles' reachability and shapes.
 * Phase times in seconds are recorded for -v and make bench. */
/* MS_RUN_REACHABLE: only ms_reachable in dom (ignored with
 * MS_RUN_DOMINATORS). MS_RUN_TYPES: the type histogram as well, for
 * ms_findings_run, taken on the cycle search's thread once the search is
 * done (it ends before the dominator pass on big heaps). MS_RUN_MEMBERSHIP
 * (with MS_RUN_CYCLES): the cycles unclassified, for a reader of which
 * cycle each object is in only (no shapes, reachability unset). */
enum {
    MS_RUN_DOMINATORS = 1, MS_RUN_CYCLES = 2, MS_RUN_REACHABLE = 4, MS_RUN_TYPES = 8,
    MS_RUN_MEMBERSHIP = 16
};
typedef struct ms_analysis {
    ms_roots roots;
    ms_domtree dom;      /* zeroed unless MS_RUN_DOMINATORS or MS_RUN_REACHABLE */
    ms_cycles cycles;    /* zeroed unless MS_RUN_CYCLES */
    ms_type_row *types;  /* MS_RUN_TYPES: ms_type_histogram by bytes, retained sizes 0;
                          * else NULL */
    uint32_t ntypes;
    double t_roots, t_dominators, t_cycles, t_classify;
    bool cached;         /* roots and dom are h->cache's: not freed here */
} ms_analysis;
void ms_analysis_run(ms_heap *h, unsigned what, ms_analysis *a);
void ms_analysis_free(ms_analysis *a);

/* What `memscope analyze` reports beyond the graph analyses, computed on
 * two threads: the type histogram with retained sizes (sorted by sort), the
 * top largest retainers (0 = all), the leak suspects at threshold%, the
 * detached DOM, the BFS parents that give the paths to the suspects and
 * the DOM's holders, and the garbage counts. */
typedef struct ms_findings {
    ms_type_row *types;
    uint32_t ntypes;
    uint32_t *retainers;
    uint32_t nretainers;
    ms_suspect *suspects;
    uint32_t nsuspects;
    ms_detached detached;
    const uint32_t *parent; /* ms_bfs_parents_shared toward the suspects and the
                             * detached DOM's holders; NULL if none */
    bool parent_shared;  /* parent is the graph's (h->cache): not freed here */
    ms_garbage garbage;
    /* The runtime's baseline among the reachable objects (MS_ROLE_BASELINE;
     * has_baseline false without roles): their shallow bytes, and the
     * largest of them (MS_NONE if none), which the totals name when big
     * (Ruby's allocation tracer's table). */
    bool has_baseline;
    uint64_t baseline_objects, baseline_bytes;
    uint32_t baseline_largest;
} ms_findings;
void ms_findings_run(const ms_heap *h, const ms_analysis *a, ms_type_sort sort, uint32_t top,
                     double threshold, ms_findings *out);
void ms_findings_free(ms_findings *f);

#endif
