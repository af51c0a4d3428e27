/* roles.c — roles common to every runtime, derived from those a reader or
 * a runtime's pass set (roles.h). */
#include "formats/roles.h"

void ms_roles_named(ms_heap *h)
{
    if (!h->role)
        return;
    for (uint32_t u = 0; u < h->n; u++)
        if (h->role[u] & MS_ROLE_BASELINE)
            for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++)
                if (h->edge_kind[e] != MS_EDGE_WEAK)
                    h->role[h->edge_to[e]] |= MS_ROLE_NAMED;
}
