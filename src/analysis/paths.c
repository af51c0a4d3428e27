/* paths.c — shortest retaining paths from the roots (objgraph's
 * find_backref_chain, MAT's path to GC roots): one breadth-first search
 * records where each object was first reached from. See analysis.h. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

uint32_t *ms_bfs_parents(const ms_heap *h, const ms_roots *roots, const uint32_t *stop,
                         uint32_t nstop)
{
    uint32_t n = h->n;
    uint32_t *parent = ms_malloc(((size_t)n + 1) * sizeof *parent);
    uint32_t *queue = ms_malloc(((size_t)n + 1) * sizeof *queue);
    uint8_t *want = nstop ? ms_calloc((size_t)n + 1, 1) : NULL;
    uint32_t left = 0;  /* targets not reached yet */
    for (uint32_t i = 0; i < nstop; i++)
        if (!want[stop[i]]) {
            want[stop[i]] = 1;
            left++;
        }
    for (uint32_t i = 0; i < n; i++)
        parent[i] = MS_NONE;
    size_t head = 0, tail = 0;
    for (uint32_t r = 0; r < roots->count; r++) {
        uint32_t v = roots->nodes[r];
        if (parent[v] == MS_NONE) {
            parent[v] = v;
            queue[tail++] = v;
            if (want && want[v])
                left--;
        }
    }
    while (head < tail && (!want || left)) {
        uint32_t v = queue[head++];
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
            uint32_t w = h->edge_to[e];
            if (h->edge_kind[e] == MS_EDGE_WEAK || parent[w] != MS_NONE)
                continue;
            parent[w] = v;
            queue[tail++] = w;
            if (want && want[w] && --left == 0)
                break;
        }
    }
    free(want);
    free(queue);
    return parent;
}

const uint32_t *ms_bfs_parents_shared(const ms_heap *h, const ms_roots *roots,
                                      const uint32_t *stop, uint32_t nstop)
{
    const ms_roots *c = h->cache ? &h->cache->roots : NULL;
    if (c && h->cache->parent && roots->count == c->count &&
        (roots->nodes == c->nodes ||
         memcmp(roots->nodes, c->nodes, (size_t)c->count * sizeof *c->nodes) == 0))
        return h->cache->parent;
    return ms_bfs_parents(h, roots, stop, nstop);
}

void ms_bfs_parents_release(const ms_heap *h, const uint32_t *parent)
{
    if (!h->cache || parent != h->cache->parent)
        free((void *)parent);
}

uint32_t ms_path_from_parents(const uint32_t *parent, uint32_t node, uint32_t **path)
{
    *path = NULL;
    if (parent[node] == MS_NONE)
        return 0;
    uint32_t len = 1;
    for (uint32_t v = node; parent[v] != v; v = parent[v])
        len++;
    uint32_t *p = ms_malloc((size_t)len * sizeof *p);
    uint32_t i = len;
    for (uint32_t v = node;; v = parent[v]) {
        p[--i] = v;
        if (parent[v] == v)
            break;
    }
    *path = p;
    return len;
}

uint32_t ms_path_nearest(const uint32_t *parent, uint32_t n, const uint32_t *targets,
                         uint32_t ntargets)
{
    /* depth[v] + 1, 0 = not yet known; each node's depth is found once, by
     * walking up to a known one and coming back down the same way. */
    uint32_t *depth = ms_calloc(n ? n : 1, sizeof *depth);
    uint32_t *stack = NULL;
    size_t cap = 0;
    uint32_t best = MS_NONE, best_depth = UINT32_MAX;
    for (uint32_t k = 0; k < ntargets; k++) {
        uint32_t v = targets[k];
        if (parent[v] == MS_NONE)
            continue;
        size_t sp = 0;
        while (!depth[v] && parent[v] != v) {
            MS_GROW(stack, cap, sp + 1);
            stack[sp++] = v;
            v = parent[v];
        }
        if (!depth[v])
            depth[v] = 1;   /* a root */
        while (sp)
            depth[stack[sp - 1]] = depth[parent[stack[sp - 1]]] + 1, sp--;
        if (depth[targets[k]] < best_depth) {
            best_depth = depth[targets[k]];
            best = k;
        }
    }
    free(stack);
    free(depth);
    return best;
}

uint32_t ms_edge_between(const ms_heap *h, uint32_t from, uint32_t to)
{
    for (uint32_t e = h->edge_off[from]; e < h->edge_off[from + 1]; e++)
        if (h->edge_to[e] == to && h->edge_kind[e] != MS_EDGE_WEAK)
            return e;
    return MS_NONE;
}

uint32_t *ms_parent_edges(const ms_heap *h, const uint32_t *parent)
{
    uint32_t *in = ms_malloc(((size_t)h->n + 1) * sizeof *in);
    memset(in, 0xff, ((size_t)h->n + 1) * sizeof *in);
    for (uint32_t v = 0; v < h->n; v++)
        for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
            uint32_t w = h->edge_to[e];
            if (parent[w] == v && w != v && in[w] == MS_NONE && h->edge_kind[e] != MS_EDGE_WEAK)
                in[w] = e;
        }
    return in;
}

/* Whether edge e's name names what it leads to, as a developer wrote it:
 * a variable, attribute, dict key or property, not an index, a dict's key
 * slot, an object's namespace or an engine's internal reference. */
bool ms_edge_names_target(const ms_heap *h, uint32_t e)
{
    uint32_t s = h->edge_name[e];
    if (!s || h->edge_kind[e] != MS_EDGE_STRONG || (h->index_names && (s & MS_NAME_INDEX)))
        return false;
    const char *t = ms_heap_str(h, s);
    static const char *const skip[] = { "__dict__", "__globals__", "__closure__",
                                        "cell_contents", "__self__", "__func__", "__wrapped__",
                                        "class", NULL };
    if (!*t || *t == '[' || *t == '<' || *t == '(' || (*t >= '0' && *t <= '9'))
        return false;
    for (size_t i = 0; skip[i]; i++)
        if (strcmp(t, skip[i]) == 0)
            return false;
    return true;
}

bool ms_edge_is_name(const ms_heap *h, uint32_t e, uint32_t from, uint32_t up)
{
    if (!ms_edge_names_target(h, e))
        return false;
    const char *t = ms_heap_str(h, h->edge_name[e]);
    if ((*t != '\'' && *t != '"') || !h->role || (h->role[from] & MS_ROLE_HOLDER))
        return true;
    return up != MS_NONE && strcmp(ms_heap_str(h, h->edge_name[up]), "__dict__") == 0;
}

uint32_t ms_path_name(const ms_heap *h, const uint32_t *parent, uint32_t node, uint32_t hops)
{
    for (uint32_t v = node; hops-- && parent[v] != MS_NONE && parent[v] != v; v = parent[v]) {
        uint32_t p = parent[v], e = ms_edge_between(h, p, v);
        if (e == MS_NONE || (h->role && (h->role[v] & MS_ROLE_ENGINE)))
            continue;
        uint32_t up = parent[p] != MS_NONE && parent[p] != p ? ms_edge_between(h, parent[p], p)
                                                             : MS_NONE;
        if (ms_edge_is_name(h, e, p, up))
            return h->edge_name[e];
    }
    return 0;
}
