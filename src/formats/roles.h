/* roles.h — roles (MS_ROLE_*, heap.h) for runtimes whose dump format does
 * not carry them: set after the graph is built, from its types and edge
 * names. */
#ifndef MEMSCOPE_FORMATS_ROLES_H
#define MEMSCOPE_FORMATS_ROLES_H

#include "memscope/heap.h"

/* A CPython dump (memscope_dump.py's): sets h->role (a new array) to the
 * interpreter's structural holders and static baseline, as
 * cpython_roles.c explains. Does nothing if h has roles already. */
void ms_cpython_roles(ms_heap *h);

#endif
