/* roles.h — roles (MS_ROLE_*, heap.h) for runtimes whose dump format does
 * not carry them: set after the graph is built, from its types and edge
 * names. */
#ifndef MEMSCOPE_FORMATS_ROLES_H
#define MEMSCOPE_FORMATS_ROLES_H

#include "memscope/heap.h"

/* The string index of s in h's pool (an interned type or edge name), or
 * MS_NONE, which no index equals. */
uint32_t ms_roles_string(const ms_heap *h, const char *s);

/* A CPython dump (memscope_dump.py's): sets h->role (a new array) to the
 * interpreter's structural holders and static baseline, as
 * cpython_roles.c explains. Does nothing if h has roles already. */
void ms_cpython_roles(ms_heap *h);

/* A V8 snapshot (with the reader's roles): adds the runtime's baseline,
 * as v8_roles.c explains. */
void ms_v8_roles(ms_heap *h);

/* For a graph with roles: marks MS_ROLE_NAMED what the baseline refers
 * to (a module-level variable, a class's constant, a function's default)
 * and what a global variable holds (Ruby's global_tbl roots).
 * Such objects are judged one by one under the virtual root, never in
 * groups of "N objects each held from a root of its own", where a
 * module-level cache that two modules import would hide among the
 * runtime's own names and tables. */
void ms_roles_named(ms_heap *h);

#endif
