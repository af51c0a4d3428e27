/* roles.c — roles common to every runtime, derived from those a reader or
 * a runtime's pass set (roles.h). */
#include "formats/roles.h"

#include <string.h>

uint32_t ms_roles_string(const ms_heap *h, const char *s)
{
    uint32_t i = ms_strpool_find(&h->strings, s, strlen(s));
    return i == UINT32_MAX ? MS_NONE : i;
}

void ms_roles_named(ms_heap *h)
{
    if (!h->role)
        return;
    /* A global variable's object (Ruby's global_tbl roots) is named too. */
    uint32_t g = ms_strpool_find(&h->strings, "global_tbl", 10);
    for (uint32_t k = 0; h->root_kind && g != UINT32_MAX && k < h->nroots; k++)
        if (h->root_kind[h->roots[k]] == g)
            h->role[h->roots[k]] |= MS_ROLE_NAMED;
    for (uint32_t u = 0; u < h->n; u++)
        if (h->role[u] & MS_ROLE_BASELINE)
            for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++)
                if (h->edge_kind[e] != MS_EDGE_WEAK)
                    h->role[h->edge_to[e]] |= MS_ROLE_NAMED;
}
