/* roots.c — choosing the roots of a heap graph (see analysis.h). The
 * refcount rule is the one CPython's cycle collector applies in
 * update_refs/subtract_refs (Modules/gcmodule.c): an object referenced from
 * outside the tracked heap is a root. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

/* For the refcount rule an object the dump says nothing about counts as
 * tracked. An untracked object (int, str...) is freed when its last
 * reference goes, not by the collector: it is held from outside the dump,
 * and so a root, when its rc exceeds its references from every dumped
 * object. */
static bool tracked(const ms_heap *h, uint32_t i)
{
    return ms_node_tracked(h, i) != 0;
}

void ms_roots_find(const ms_heap *h, ms_roots *out)
{
    if (h->cache) {
        *out = h->cache->roots;
        out->nodes = ms_malloc(((size_t)out->count + 1) * sizeof *out->nodes);
        if (out->count)
            memcpy(out->nodes, h->cache->roots.nodes, (size_t)out->count * sizeof *out->nodes);
        return;
    }
    uint32_t n = h->n;
    out->nodes = NULL;
    out->count = 0;
    out->inconsistent = 0;
    out->first_inconsistent = MS_NONE;
    if (h->nroots > 0) {
        out->rule = MS_ROOTS_DUMP;
        out->nodes = ms_malloc((size_t)h->nroots * sizeof *out->nodes);
        for (uint32_t i = 0; i < h->nroots; i++)
            out->nodes[i] = h->roots[i];
        out->count = h->nroots;
        return;
    }
    bool any_rc = false;
    for (uint32_t i = 0; i < n && h->rc && !any_rc; i++)
        any_rc = (h->flags[i] & MS_NODE_HAS_RC) != 0;
    /* In-degree over strong edges: under the refcount rule a tracked
     * object counts references from tracked sources only, an untracked one
     * from every source; under the no-referrers rule, from every source. */
    uint32_t *indeg = ms_calloc(n ? n : 1, sizeof *indeg);
    for (uint32_t i = 0; i < n; i++) {
        bool from_untracked = any_rc && !tracked(h, i);
        for (uint32_t e = h->edge_off[i]; e < h->edge_off[i + 1]; e++) {
            uint32_t to = h->edge_to[e];
            if (h->edge_kind[e] == MS_EDGE_WEAK || (from_untracked && tracked(h, to)))
                continue;
            if (indeg[to] < UINT32_MAX)
                indeg[to]++;
        }
    }
    out->nodes = ms_malloc((size_t)(n ? n : 1) * sizeof *out->nodes);
    for (uint32_t i = 0; i < n; i++) {
        bool root;
        if (any_rc) {
            bool has_rc = (h->flags[i] & MS_NODE_HAS_RC) != 0;
            root = has_rc && h->rc[i] > indeg[i];
            if (has_rc && tracked(h, i) && h->rc[i] < indeg[i] && out->inconsistent++ == 0)
                out->first_inconsistent = i;
        }
        else
            root = indeg[i] == 0;
        if (root)
            out->nodes[out->count++] = i;
    }
    free(indeg);
    out->rule = any_rc ? MS_ROOTS_REFCOUNT : MS_ROOTS_NO_REFERRERS;
}

void ms_roots_free(ms_roots *r)
{
    free(r->nodes);
    r->nodes = NULL;
    r->count = 0;
}

const char *ms_root_rule_name(ms_root_rule rule)
{
    switch (rule) {
    case MS_ROOTS_DUMP: return "dump";
    case MS_ROOTS_REFCOUNT: return "refcount";
    case MS_ROOTS_NO_REFERRERS: return "no-referrers";
    }
    return "?";
}

const char *ms_root_rule_text(ms_root_rule rule)
{
    switch (rule) {
    case MS_ROOTS_DUMP: return "listed by the dump";
    case MS_ROOTS_REFCOUNT: return "rc above references, CPython's gc rule";
    case MS_ROOTS_NO_REFERRERS: return "objects nothing references";
    }
    return "?";
}
