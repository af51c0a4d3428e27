/* node.c — how an object and a reference are named in every report: an
 * object's title (its type and its name or value), the kind of root it
 * is, and the name of the reference taken from one object of a path to
 * the next. */
#include "memscope/reports.h"

#include <stdio.h>
#include <string.h>

const char *ms_node_title(const ms_heap *h, uint32_t node, char *buf, size_t n, size_t max)
{
    const char *type = ms_heap_type_name(h, node);
    const char *label = ms_heap_str(h, h->label[node]);
    if (!*label) {
        snprintf(buf, n, "%s", type);
        return buf;
    }
    size_t ll = strlen(label);
    if (ll > max) {
        /* Cut at a UTF-8 character boundary. */
        size_t k = max;
        while (k > 0 && ((unsigned char)label[k] & 0xc0) == 0x80)
            k--;
        snprintf(buf, n, "%s %.*s" MS_CUT_MARK, type, (int)k, label);
    } else {
        snprintf(buf, n, "%s %s", type, label);
    }
    return buf;
}

const char *ms_node_root_kind(const ms_heap *h, uint32_t node)
{
    return h->root_kind && h->root_kind[node] ? ms_heap_str(h, h->root_kind[node]) : NULL;
}

const char *ms_path_edge(const ms_heap *h, const uint32_t *path, uint32_t i,
                         char buf[MS_INDEX_NAME_MAX])
{
    if (i == 0)
        return NULL;
    uint32_t e = ms_edge_between(h, path[i - 1], path[i]);
    if (e == MS_NONE || !h->edge_name[e])
        return NULL;
    return ms_heap_edge_name(h, e, buf);
}
