/* signature.c — a retaining path with its ids removed (analysis.h): what
 * one leak or one growing collection is called from one run to the next,
 * for diff's clusters (one key per way of being retained) and for known
 * findings (baseline.c).
 *
 * A path's signature is its types and its edge names, with the parts that
 * differ between two objects retained the same way made alike: element
 * indices ("[12]", V8's bare numbers) and the keys of ordinary dicts
 * ('user5'). Attribute names, properties and the keys of a namespace (a
 * module's or an object's __dict__) stay as they are: they name distinct
 * holders. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdlib.h>
#include <string.h>

const char *ms_sig_edge_name(const char *e, bool namespace)
{
    size_t n = strlen(e);
    if (n >= 2 && e[0] == '[' && e[n - 1] == ']' && strspn(e + 1, "0123456789") == n - 2)
        return "[]";
    if (n && strspn(e, "0123456789") == n)
        return "#";
    if (!namespace && n >= 2 && (e[0] == '\'' || e[0] == '"') && e[n - 1] == e[0])
        return "''";
    return e;
}

/* Appends s[0..n) to buf (at *len, capacity *cap), NUL-terminated, with
 * tab, newline, carriage return and backslash escaped when escape is
 * set. */
static void put(char **buf, size_t *len, size_t *cap, const char *s, size_t n, bool escape)
{
    MS_GROW(*buf, *cap, *len + 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        const char *esc = !escape ? NULL : c == '\t' ? "\\t" : c == '\n' ? "\\n"
                                        : c == '\r' ? "\\r" : c == '\\' ? "\\\\" : NULL;
        if (esc) {
            (*buf)[(*len)++] = esc[0];
            (*buf)[(*len)++] = esc[1];
        } else {
            (*buf)[(*len)++] = c;
        }
    }
    (*buf)[*len] = '\0';
}

void ms_sig_escape(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    put(buf, len, cap, s, n, true);
}

size_t ms_path_signature(const ms_heap *h, const uint32_t *parent, const uint32_t *edge_in,
                         uint32_t v, bool text, char **buf, size_t *cap)
{
    uint32_t *path;
    uint32_t len = ms_path_from_parents(parent, v, &path);
    size_t n = 0;
    bool namespace = false;
    MS_GROW(*buf, *cap, 1);
    (*buf)[0] = '\0';
    for (uint32_t k = 0; k < len; k++) {
        const char *t = ms_heap_type_name(h, path[k]);
        put(buf, &n, cap, t, strlen(t), text);
        if (!text)
            put(buf, &n, cap, "\x1e", 1, false);
        if (k + 1 < len) {
            uint32_t e = edge_in ? edge_in[path[k + 1]] : ms_edge_between(h, path[k], path[k + 1]);
            char nb[MS_INDEX_NAME_MAX];
            const char *en = e == MS_NONE ? "" : ms_heap_edge_name(h, e, nb);
            const char *norm = ms_sig_edge_name(en, namespace);
            if (text)
                put(buf, &n, cap, " --", 3, false);
            put(buf, &n, cap, norm, strlen(norm), text);
            put(buf, &n, cap, text ? "--> " : "\x1f", text ? 4 : 1, false);
            namespace = strcmp(en, "__dict__") == 0;
        }
    }
    free(path);
    return n;
}

char *ms_path_signature_text(const ms_heap *h, const uint32_t *parent, uint32_t v)
{
    char *buf = NULL;
    size_t cap = 0;
    ms_path_signature(h, parent, NULL, v, true, &buf, &cap);
    return buf;
}
