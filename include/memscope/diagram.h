/* diagram.h — choosing what a reference diagram shows (`memscope graph`).
 *
 * A diagram is a small subgraph around some start objects, picked the way
 * objgraph's show_backrefs / show_refs / show_chain pick theirs, or a slice
 * of the dominator tree. This layer only selects nodes and edges; how they
 * look is the DOT writer's business (report/dot.c), and rendering is
 * render/render.c's. */
#ifndef MEMSCOPE_DIAGRAM_H
#define MEMSCOPE_DIAGRAM_H

#include "memscope/analysis.h"

typedef enum ms_diagram_mode {
    MS_DIAGRAM_BACKREFS,   /* referrers of the starts, breadth first */
    MS_DIAGRAM_REFS,       /* references of the starts, breadth first */
    MS_DIAGRAM_CHAIN,      /* shortest retaining path from a root to each start */
    MS_DIAGRAM_DOMINATORS  /* the dominator subtree under each start */
} ms_diagram_mode;

typedef struct ms_diagram_opts {
    ms_diagram_mode mode;
    uint32_t max_depth;   /* starts are depth 0; nodes at max_depth are not expanded */
    uint32_t too_many;    /* neighbours drawn per expanded node; the rest are counted */
    uint32_t max_nodes;   /* objects drawn at most */
    const uint32_t *filter;  /* neighbours must have one of these types (string indices) */
    uint32_t nfilter;        /* 0: no filter */
    const uint32_t *ignore;  /* neighbours of these types are left out */
    uint32_t nignore;
} ms_diagram_opts;

/* Node flags. */
enum {
    MS_DNODE_START = 1,     /* a start object */
    MS_DNODE_ROOT = 2,      /* one of the roots */
    MS_DNODE_EXPANDED = 4,  /* its neighbours were looked at */
    MS_DNODE_MODULE = 8     /* type "module" (Python): not expanded unless a start */
};

typedef struct ms_dnode {
    uint32_t node;           /* heap node */
    uint32_t depth;          /* steps from the nearest start */
    uint32_t more;           /* neighbours past too_many, not drawn */
    uint64_t more_retained;  /* dominators: bytes those retain */
    uint8_t flags;           /* MS_DNODE_* */
} ms_dnode;

/* An arrow between two drawn objects: referrer -> referent, or in the
 * dominator mode dominator -> dominated (with the references between them,
 * if any). All references between the pair are merged into one arrow. */
#define MS_DEDGE_NAMES 3
typedef struct ms_dedge {
    uint32_t from, to;       /* indices into the diagram's nodes */
    uint32_t refs;           /* references from -> to */
    uint32_t edge[MS_DEDGE_NAMES]; /* the first of them (heap edge indices) */
    uint8_t kinds;           /* bit (1 << MS_EDGE_*) for each kind among them */
} ms_dedge;

typedef struct ms_diagram {
    ms_dnode *nodes;         /* starts first, then breadth-first order */
    uint32_t nnodes;
    ms_dedge *edges;         /* in the order they were found */
    uint32_t nedges;
    uint32_t depth;          /* the depth the fill gradient spans */
    uint32_t capped;         /* objects left out because of max_nodes */
    uint32_t unreachable;    /* chain, dominators: starts that are garbage */
} ms_diagram;

/* Builds the diagram of the starts (distinct nodes) in a's graph: a holds
 * the roots and, for the dominator mode, the dominator tree (its child
 * lists get sorted by retained size); the referrers mode reads h's lists
 * of references into each node, or builds them for the walk if h has none
 * (ms_heap_preds). Starts are all drawn, even past max_nodes. Free with
 * ms_diagram_free. */
void ms_diagram_build(const ms_heap *h, ms_analysis *a, const uint32_t *starts,
                      uint32_t nstarts, const ms_diagram_opts *o, ms_diagram *out);
void ms_diagram_free(ms_diagram *d);

/* The objects of type `type` (string index), the k largest by retained
 * size, then shallow size, then dump order (k = 0: all). Returns nodes
 * (caller frees) and *count. */
uint32_t *ms_nodes_of_type(const ms_heap *h, const ms_domtree *dt, uint32_t type, uint32_t k,
                           uint32_t *count);

#endif
