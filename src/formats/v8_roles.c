/* v8_roles.c — the runtime's baseline in a V8 heap (MS_ROLE_BASELINE,
 * heap.h), beside the roles the V8 reader sets from node types.
 *
 * A Node service carries, before it serves anything, its modules' code:
 * compiled code, object shapes, V8's own system objects, scripts' source
 * strings, and the functions and closure contexts its modules created when
 * they loaded (typescript's module context alone is 10 MB). Those are
 * definitions; a closure made per request, or its context, is data that a
 * leak can hold. They differ in count: V8 shares one SharedFunctionInfo
 * among all the closures of one function literal, and one ScopeInfo among
 * all the contexts of one scope, so a function whose SharedFunctionInfo
 * has no other closure, or a context whose ScopeInfo has no other context,
 * is the module's own (docs/leak-findings.md):
 *
 * - baseline: (compiled code), (object shape), (system) objects; the
 *   engine's own objects that a GC root category holds directly (V8's
 *   number-string cache under (Strong roots)); strings that a script
 *   holds as its source; functions alone with their
 *   SharedFunctionInfo; contexts alone with their ScopeInfo.
 * - structural holders and baseline: Node's module records (Module,
 *   BuiltinModule) and what they export, searched below as Python's
 *   modules are.
 */
#include "memscope/alloc.h"
#include "formats/roles.h"

#include <stdlib.h>
#include <string.h>

/* The target of v's first strong or internal edge named name, or MS_NONE.
 * By the text: the reader keeps property names as labels, which equal
 * strings do not share. */
static uint32_t edge_to_named(const ms_heap *h, uint32_t v, const char *name)
{
    for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++) {
        char nb[MS_INDEX_NAME_MAX];
        if (h->edge_kind[e] != MS_EDGE_WEAK && strcmp(ms_heap_edge_name(h, e, nb), name) == 0)
            return h->edge_to[e];
    }
    return MS_NONE;
}

/* Marks baseline the nodes of type t alone with their target by edge
 * name s (the only node of type t whose edge s leads there). */
static void mark_alone(const ms_heap *h, uint32_t t, const char *s, uint32_t *count)
{
    if (t == MS_NONE)
        return;
    memset(count, 0, (size_t)h->n * sizeof *count);
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t w = h->type[v] == t ? edge_to_named(h, v, s) : MS_NONE;
        if (w != MS_NONE && count[w] < 2)
            count[w]++;
    }
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t w = h->type[v] == t ? edge_to_named(h, v, s) : MS_NONE;
        if (w != MS_NONE && count[w] == 1)
            h->role[v] |= MS_ROLE_BASELINE;
    }
}

void ms_v8_roles(ms_heap *h)
{
    if (!h->role || !h->n)
        return;
    uint32_t t_code = ms_roles_string(h, "(compiled code)");
    uint32_t t_shape = ms_roles_string(h, "(object shape)");
    uint32_t t_system = ms_roles_string(h, "(system)");
    uint32_t t_module = ms_roles_string(h, "Module");
    uint32_t t_builtin = ms_roles_string(h, "BuiltinModule");
    uint32_t t_synthetic = ms_roles_string(h, "(synthetic)");
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t t = h->type[v];
        if (t == MS_NONE)
            continue;
        if (t == t_code || t == t_shape || t == t_system) {
            h->role[v] |= MS_ROLE_BASELINE;
            uint32_t s = t == t_code ? edge_to_named(h, v, "source") : MS_NONE;
            if (s != MS_NONE)
                h->role[s] |= MS_ROLE_BASELINE;
        } else if (t == t_synthetic) {
            for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
                if (h->role[h->edge_to[e]] & MS_ROLE_ENGINE)
                    h->role[h->edge_to[e]] |= MS_ROLE_BASELINE;
        } else if (t == t_module || t == t_builtin) {
            h->role[v] |= MS_ROLE_HOLDER | MS_ROLE_BASELINE;
            uint32_t x = edge_to_named(h, v, "exports");
            if (x != MS_NONE)
                h->role[x] |= MS_ROLE_HOLDER | MS_ROLE_BASELINE;
        }
    }
    uint32_t *count = ms_malloc((size_t)h->n * sizeof *count);
    mark_alone(h, ms_roles_string(h, "Function"), "shared", count);
    mark_alone(h, ms_roles_string(h, "system / Context"), "scope_info", count);
    free(count);
}
