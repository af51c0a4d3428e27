/* cpython_roles.c — what each object of a CPython dump is to a Python
 * developer (MS_ROLE_*, heap.h), for the analyses that judge a heap:
 * which objects are the interpreter's static baseline, that every program
 * carries, and which are the program's data, where leaks are.
 *
 * Every Python process holds, before it serves anything, its modules and
 * their namespaces, its classes and their dicts, functions, code objects
 * and their constants, descriptors, docstrings and interned names, and the
 * import machinery. On a service importing a real library stack this is
 * most of the heap (a few hundred modules and thousands of classes), and
 * it sits at the top of the dominator tree: a module's dict is reached from
 * the module, from every function defined in it (__globals__) and from
 * other modules that imported a name, so its immediate dominator is often
 * the virtual root, beside thousands of shared names and docstrings. A leak
 * hunt looks below it, as MAT looks below the class loaders and DevTools
 * below the GC roots (docs/leak-findings.md):
 *
 * - structural holders (MS_ROLE_HOLDER | MS_ROLE_BASELINE): modules, their
 *   __dict__, classes (objects with a __mro__) and their __dict__, and
 *   the import system's tables (sys.modules, sys.path_importer_cache:
 *   dicts whose references are mostly modules, specs or finders). Never
 *   suspects; the search for suspects goes on below them, so that a
 *   module-level cache or a class-level registry is found by its name.
 * - definitions (MS_ROLE_BASELINE): code, the descriptors of types, the
 *   import system's specs, loaders and finders, and the functions,
 *   properties and cells that only the baseline refers to (a closure made
 *   per request is data: a registry of them is a leak). Never suspects,
 *   nor members of a group suspect.
 * - the interpreter's own state (MS_ROLE_BASELINE): plain containers and
 *   constants that no object of the dump refers to, held from C alone
 *   (the dicts of static types, the subclass tables of types, the running
 *   code's stack), and strings and numbers that C holds besides (an
 *   extension module's constants). What a program leaks is held by Python objects: a
 *   module, a class, an instance, a function, a frame.
 * - the standard library's caches (MS_ROLE_BASELINE): re's compiled
 *   patterns, linecache's lines, warnings' registries (runtime_caches).
 * - constants (MS_ROLE_BASELINE): immutable objects (str, bytes, numbers,
 *   tuples, frozensets) that nothing but baseline objects refers to:
 *   docstrings, names, co_consts. Found, with the functions, by
 *   propagation from the others.
 *
 * str, bytes and numbers are MS_ROLE_VALUE: CPython reuses the address of
 * a freed object at once, so diff takes one at an old address with
 * another size or value for a new object.
 *
 * Objects the baseline refers to are then MS_ROLE_NAMED (ms_roles_named):
 * a module-level variable, a class attribute, a function's default.
 */
#include "memscope/alloc.h"
#include "memscope/heap.h"
#include "formats/roles.h"

#include <stdlib.h>
#include <string.h>

/* Always the interpreter's: code and the C-level descriptors of types. */
static const char *const fixed_types[] = {
    "code", "method_descriptor", "wrapper_descriptor", "getset_descriptor",
    "member_descriptor", "classmethod_descriptor", "method-wrapper", "mappingproxy",
    "_abc._abc_data", NULL
};
/* The import system's: specs, loaders and finders. */
static const char *const import_types[] = {
    "_frozen_importlib.ModuleSpec", "_frozen_importlib_external.SourceFileLoader",
    "_frozen_importlib_external.ExtensionFileLoader",
    "_frozen_importlib_external.SourcelessFileLoader",
    "_frozen_importlib_external.FileFinder", "_frozen_importlib_external._NamespacePath",
    "_frozen_importlib_external.NamespaceLoader", "_frozen_importlib.BuiltinImporter",
    "_frozen_importlib.FrozenImporter", "zipimport.zipimporter", NULL
};
/* Baseline when only the baseline refers to them: definitions (a
 * module-level function; a closure made per request is data) and
 * immutable constants. */
static const char *const constant_types[] = {
    "function", "cell", "builtin_function_or_method", "classmethod", "staticmethod",
    "property", "enum.property", "functools.cached_property", "types.DynamicClassAttribute",
    "str", "bytes", "int", "float", "complex", "tuple", "frozenset", "bool",
    "NoneType", "ellipsis", "NotImplementedType", "range", "slice",
    "weakref.ReferenceType", NULL
};
static const char *const plain_types[] = { "dict", "list", "set", NULL };
/* Immutable, and labelled with their value by the dumper. */
static const char *const value_types[] = { "str", "bytes", "int", "float", "complex", NULL };

/* The standard library's own caches: module-level names whose objects
 * fill and churn as any program runs (a pattern compiled, a source line
 * shown, a warning given once). NULL module: in every module. */
static const struct { const char *module, *name; } runtime_caches[] = {
    { "re", "'_cache'" }, { "re", "'_cache2'" }, { "linecache", "'cache'" },
    { "urllib.parse", "'_parse_cache'" }, { "typing", "'_caches'" },
    { "encodings", "'_cache'" }, { "_strptime", "'_regex_cache'" },
    { "_strptime", "'_TimeRE_cache'" }, { "string", "'_sentinel_dict'" },
    { NULL, "'__warningregistry__'" }, { "warnings", "'onceregistry'" },
    { "logging", "'_handlers'" }, { "logging", "'_handlerList'" },
    { "threading", "'_dangling'" }, { "weakref", "'_remove_dead_weakref'" },
    { NULL, NULL }
};

/* Marks in is[] (by string index) the names of list found in h's pool. */
static void mark_types(const ms_heap *h, const char *const *list, uint8_t *is, uint8_t bit)
{
    for (size_t i = 0; list[i]; i++) {
        uint32_t s = ms_roles_string(h, list[i]);
        if (s != MS_NONE)
            is[s] |= bit;
    }
}

/* The target of node v's first edge named s (a string index), or MS_NONE. */
static uint32_t edge_to_named(const ms_heap *h, uint32_t v, uint32_t s)
{
    for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
        if (h->edge_name[e] == s && h->edge_kind[e] != MS_EDGE_WEAK)
            return h->edge_to[e];
    return MS_NONE;
}

enum { IS_FIXED = 1, IS_CONST = 2, IS_PLAIN = 4, IS_IMPORT = 8, IS_VALUE = 16 };

/* Modules, classes, their namespaces, and the import system's tables
 * (sys.modules, sys.path_importer_cache: dicts whose references are mostly
 * modules or the import system's objects); code, descriptors and the
 * import system's objects. */
static void mark_holders(const ms_heap *h, uint8_t *role, const uint8_t *is)
{
    uint32_t s_module = ms_roles_string(h, "module"), s_dict = ms_roles_string(h, "dict");
    uint32_t n_dict = ms_roles_string(h, "__dict__"), n_mro = ms_roles_string(h, "__mro__");
    for (uint32_t v = 0; v < h->n; v++) {
        uint32_t t = h->type[v];
        if (is[t] & (IS_FIXED | IS_IMPORT))
            role[v] |= MS_ROLE_BASELINE;
        bool cls = n_mro != MS_NONE && edge_to_named(h, v, n_mro) != MS_NONE;
        if ((s_module != MS_NONE && t == s_module) || cls) {
            role[v] |= MS_ROLE_HOLDER | MS_ROLE_BASELINE;
            uint32_t d = n_dict != MS_NONE ? edge_to_named(h, v, n_dict) : MS_NONE;
            if (d != MS_NONE)
                role[d] |= MS_ROLE_HOLDER | MS_ROLE_BASELINE;
        } else if (s_dict != MS_NONE && t == s_dict && s_module != MS_NONE) {
            uint32_t mods = 0, refs = 0;
            for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++, refs++) {
                uint32_t u = h->type[h->edge_to[e]];
                mods += u == s_module || (is[u] & IS_IMPORT);
            }
            if (mods >= 8 && 2 * mods >= refs)
                role[v] |= MS_ROLE_HOLDER | MS_ROLE_BASELINE;
        }
    }
}

/* The objects of runtime_caches: baseline (their holder is the runtime's,
 * so what they take in is the runtime's churn), though not holders. */
static void mark_runtime_caches(const ms_heap *h, uint8_t *role)
{
    uint32_t s_module = ms_roles_string(h, "module"), n_dict = ms_roles_string(h, "__dict__");
    if (s_module == MS_NONE || n_dict == MS_NONE)
        return;
    uint32_t names[sizeof runtime_caches / sizeof *runtime_caches];
    for (size_t k = 0; runtime_caches[k].name; k++)
        names[k] = ms_roles_string(h, runtime_caches[k].name);
    for (uint32_t m = 0; m < h->n; m++) {
        if (h->type[m] != s_module)
            continue;
        const char *mod = ms_heap_str(h, h->label[m]);
        uint32_t d = edge_to_named(h, m, n_dict);
        if (d == MS_NONE)
            continue;
        for (uint32_t e = h->edge_off[d]; e < h->edge_off[d + 1]; e++)
            for (size_t k = 0; runtime_caches[k].name; k++)
                if (h->edge_name[e] == names[k] &&
                    (!runtime_caches[k].module || strcmp(runtime_caches[k].module, mod) == 0) &&
                    !(role[h->edge_to[e]] & MS_ROLE_HOLDER))
                    role[h->edge_to[e]] |= MS_ROLE_BASELINE;
    }
}

/* Plain containers, strings and numbers that nothing in the dump refers
 * to, and strings and numbers that C holds besides (more references than
 * the dump shows: an extension's or the interpreter's own constants). Not
 * tuples nor functions: a running frame's value stack holds a thread's
 * arguments, and C's callback lists (atexit) hold functions, which may be
 * the program's data. */
static void mark_orphans(const ms_heap *h, uint8_t *role, const uint8_t *is)
{
    uint32_t *referred = ms_calloc(h->n ? h->n : 1, sizeof *referred);
    for (uint32_t e = 0; e < h->m; e++)
        if (h->edge_kind[e] != MS_EDGE_WEAK && referred[h->edge_to[e]] < UINT32_MAX)
            referred[h->edge_to[e]]++;
    for (uint32_t v = 0; v < h->n; v++) {
        uint8_t k = is[h->type[v]];
        bool c_held = h->rc && (h->flags[v] & MS_NODE_HAS_RC) && h->rc[v] > referred[v];
        if ((!referred[v] && (k & (IS_PLAIN | IS_VALUE))) || (c_held && (k & IS_VALUE)))
            role[v] |= MS_ROLE_BASELINE;
    }
    free(referred);
}

/* Constants that only baseline objects refer to become baseline, and so
 * on through constants (a tuple of names in a code object's co_names):
 * left[v] counts v's strong referrers not yet baseline. */
static void mark_constants(const ms_heap *h, uint8_t *role, const uint8_t *is)
{
    uint32_t *left = ms_calloc(h->n ? h->n : 1, sizeof *left);
    for (uint32_t u = 0; u < h->n; u++) {
        if (role[u] & MS_ROLE_BASELINE)
            continue;
        for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++)
            if (h->edge_kind[e] != MS_EDGE_WEAK && left[h->edge_to[e]] < UINT32_MAX)
                left[h->edge_to[e]]++;
    }
    uint32_t *stack = NULL;
    size_t sp = 0, cap = 0;
    for (uint32_t v = 0; v < h->n; v++)
        if (!(role[v] & MS_ROLE_BASELINE) && (is[h->type[v]] & IS_CONST) && !left[v]) {
            role[v] |= MS_ROLE_BASELINE;
            MS_GROW(stack, cap, sp + 1);
            stack[sp++] = v;
        }
    while (sp) {
        uint32_t u = stack[--sp];
        for (uint32_t e = h->edge_off[u]; e < h->edge_off[u + 1]; e++) {
            uint32_t v = h->edge_to[e];
            if (h->edge_kind[e] == MS_EDGE_WEAK || (role[v] & MS_ROLE_BASELINE) ||
                !(is[h->type[v]] & IS_CONST) || left[v] == UINT32_MAX || --left[v])
                continue;
            role[v] |= MS_ROLE_BASELINE;
            MS_GROW(stack, cap, sp + 1);
            stack[sp++] = v;
        }
    }
    free(stack);
    free(left);
}

void ms_cpython_roles(ms_heap *h)
{
    if (h->role)
        return;
    uint8_t *is = ms_calloc((size_t)h->strings.count + 1, 1);
    mark_types(h, fixed_types, is, IS_FIXED);
    mark_types(h, import_types, is, IS_IMPORT);
    mark_types(h, constant_types, is, IS_CONST);
    mark_types(h, plain_types, is, IS_PLAIN);
    mark_types(h, value_types, is, IS_VALUE);
    uint8_t *role = ms_calloc(h->n ? h->n : 1, 1);
    mark_holders(h, role, is);
    mark_orphans(h, role, is);
    mark_runtime_caches(h, role);
    mark_constants(h, role, is);
    for (uint32_t u = 0; u < h->n; u++)
        if (is[h->type[u]] & IS_VALUE)
            role[u] |= MS_ROLE_VALUE;
    free(is);
    h->role = role;
}
