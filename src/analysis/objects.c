/* objects.c — the objects a command line names (pipeline.h): an id, every
 * object of a type (path), the objects of a type retaining most (graph's
 * type:NAME), a type name (graph's --filter and the like). */
#include "memscope/pipeline.h"

#include "memscope/alloc.h"
#include "memscope/diagram.h"

#include <stdlib.h>
#include <string.h>

ms_status ms_path_targets(const ms_heap *h, uint64_t id, const char *type_name,
                          uint32_t **nodes, uint32_t *n)
{
    *nodes = NULL;
    *n = 0;
    if (!type_name) {
        uint32_t v = ms_heap_find(h, id);
        if (v == MS_NONE)
            return MS_ERR_NOTFOUND;
        *nodes = ms_malloc(sizeof **nodes);
        (*nodes)[0] = v;
        *n = 1;
        return MS_OK;
    }
    uint32_t t = ms_strpool_find(&h->strings, type_name, strlen(type_name));
    uint32_t *out = ms_malloc((size_t)(h->n ? h->n : 1) * sizeof *out);
    for (uint32_t i = 0; i < h->n && t != UINT32_MAX; i++)
        if (h->type[i] == t)
            out[(*n)++] = i;
    if (!*n) {
        free(out);
        return MS_ERR_NOTFOUND;
    }
    *nodes = out;
    return MS_OK;
}

uint32_t ms_diagram_type(const ms_heap *h, const char *name)
{
    uint32_t t = ms_strpool_find(&h->strings, name, strlen(name));
    for (uint32_t k = 0; t != UINT32_MAX && k < h->n; k++)
        if (h->type[k] == t)
            return t;
    return UINT32_MAX;
}

uint32_t *ms_diagram_type_starts(const ms_heap *h, const ms_analysis *a, const char *name,
                                 uint32_t limit, uint32_t *count)
{
    *count = 0;
    uint32_t t = ms_strpool_find(&h->strings, name, strlen(name));
    return t == UINT32_MAX ? NULL : ms_nodes_of_type(h, &a->dom, t, limit, count);
}
