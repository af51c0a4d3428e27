/* cycles.c — reference cycles: strongly connected components over strong
 * references (Pearce's variant of Tarjan's algorithm, explicit stacks),
 * numbered by size,
 * and grouped by shape (the multiset of member types). See analysis.h. */
#include "memscope/alloc.h"
#include "memscope/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tmp_cycle {
    uint64_t bytes;
    uint32_t objects;
    uint32_t first_node;  /* smallest member index */
} tmp_cycle;

static bool self_loop(const ms_heap *h, uint32_t v)
{
    for (uint32_t e = h->edge_off[v]; e < h->edge_off[v + 1]; e++)
        if (h->edge_to[e] == v && h->edge_kind[e] != MS_EDGE_WEAK)
            return true;
    return false;
}

static int cmp_tmp(const void *pa, const void *pb, void *ctx)
{
    const tmp_cycle *t = ctx;
    const tmp_cycle *a = &t[*(const uint32_t *)pa], *b = &t[*(const uint32_t *)pb];
    if (a->bytes != b->bytes)
        return a->bytes < b->bytes ? 1 : -1;
    if (a->objects != b->objects)
        return a->objects < b->objects ? 1 : -1;
    return a->first_node < b->first_node ? -1 : a->first_node > b->first_node;
}

/* Strongly connected components by Pearce's space-efficient variant of
 * Tarjan's algorithm ("A space-efficient algorithm for finding strongly
 * connected components", 2016), with explicit stacks: one rindex word per
 * node serves as visit index, low link and finally component number, so
 * each edge costs one random read. Sets of[v] to a provisional cycle
 * number (1..) for members of cycles and 0 for the rest; returns the
 * cycles' sizes in *tmp (index 0 unused) and their count. */
static uint32_t pearce(const ms_heap *h, uint32_t *of, tmp_cycle **tmp)
{
    uint32_t n = h->n;
    size_t n1 = (size_t)n + 1;
    /* 0 = not visited. Leaves (objects without references, most of them)
     * are components of their own: they are finished before the search, as
     * LEAF, above every visit index, so that an edge to one costs the read of
     * rindex alone. */
    enum { LEAF = UINT32_MAX };
    uint32_t *rindex = ms_malloc(n1 * sizeof *rindex);
    for (uint32_t v = 0; v < n; v++)
        rindex[v] = h->edge_off[v] == h->edge_off[v + 1] ? LEAF : 0;
    rindex[n] = 0;
    /* The call stack: node, next edge, and whether the node is still the
     * root of its component (Pearce's root flag, needed only while the
     * node is on this stack, so kept here rather than in a node array). */
    uint32_t *cs_node = ms_malloc(n1 * sizeof *cs_node);
    uint32_t *cs_pos = ms_malloc(n1 * sizeof *cs_pos);
    uint8_t *cs_root = ms_malloc(n1);
    uint32_t *comp = ms_malloc(n1 * sizeof *comp);  /* finished, not yet assigned */
    tmp_cycle *t = NULL;
    size_t tcap = 0;
    uint32_t ncycles = 0;
    /* Visit indices count up from 1, component numbers down from n; a
     * finished node's number is never below a live index, so the low-link
     * test needs no on-stack flag. */
    uint32_t index = 1, c = n;
    const uint8_t *kind = ms_heap_weak_kinds(h);
    MS_GROW(t, tcap, 1);
    memset(of, 0, n1 * sizeof *of);
    for (uint32_t s = 0; s < n; s++) {
        if (rindex[s])
            continue;
        size_t csp = 0, ssp = 0;
        rindex[s] = index++;
        cs_node[csp] = s;
        cs_root[csp] = 1;
        cs_pos[csp++] = h->edge_off[s];
        while (csp) {
            uint32_t v = cs_node[csp - 1], e = cs_pos[csp - 1], end = h->edge_off[v + 1];
            uint32_t next = MS_NONE, rv = rindex[v];
            for (; e < end; e++) {
                if (kind && kind[e] == MS_EDGE_WEAK)
                    continue;
                uint32_t w = h->edge_to[e];
                uint32_t rw = rindex[w];
                if (!rw) {
                    next = w;
                    e++;
                    break;
                }
                if (rw < rv) {
                    rv = rw;
                    cs_root[csp - 1] = 0;
                }
            }
            rindex[v] = rv;
            if (next != MS_NONE) {
                cs_pos[csp - 1] = e;
                rindex[next] = index++;
                cs_node[csp] = next;
                cs_root[csp] = 1;
                cs_pos[csp++] = h->edge_off[next];
                continue;
            }
            csp--;
            if (cs_root[csp]) {
                index--;
                size_t k = ssp;
                while (k > 0 && rv <= rindex[comp[k - 1]])
                    k--;
                uint32_t size = (uint32_t)(ssp - k) + 1;
                if (size >= 2 || self_loop(h, v)) {
                    MS_GROW(t, tcap, (size_t)ncycles + 2);
                    tmp_cycle *cy = &t[++ncycles];
                    *cy = (tmp_cycle){ .objects = size, .first_node = v,
                                       .bytes = ms_heap_size(h, v) };
                    of[v] = ncycles;
                    for (size_t j = k; j < ssp; j++) {
                        uint32_t x = comp[j];
                        of[x] = ncycles;
                        cy->bytes += ms_heap_size(h, x);
                        if (x < cy->first_node)
                            cy->first_node = x;
                    }
                }
                for (size_t j = k; j < ssp; j++)
                    rindex[comp[j]] = c;
                index -= (uint32_t)(ssp - k);
                ssp = k;
                rindex[v] = c--;
            } else {
                comp[ssp++] = v;
            }
            if (csp) {
                uint32_t u = cs_node[csp - 1];
                if (rindex[v] < rindex[u]) {
                    rindex[u] = rindex[v];
                    cs_root[csp - 1] = 0;
                }
            }
        }
    }
    free(rindex);
    free(cs_root);
    free(cs_node);
    free(cs_pos);
    free(comp);
    *tmp = t;
    return ncycles;
}

void ms_cycles_find(const ms_heap *h, ms_cycles *out)
{
    memset(out, 0, sizeof *out);
    uint32_t n = h->n;
    uint32_t *of = ms_malloc(((size_t)n + 1) * sizeof *of);
    tmp_cycle *t;
    uint32_t k = pearce(h, of, &t);

    /* Final numbers: by bytes, size, first member. */
    uint32_t *order = ms_malloc(((size_t)k + 1) * sizeof *order);
    for (uint32_t i = 0; i < k; i++)
        order[i] = i + 1;
    if (k > 1)
        qsort_r(order, k, sizeof *order, cmp_tmp, t);
    uint32_t *renum = ms_malloc(((size_t)k + 1) * sizeof *renum);
    renum[0] = 0;
    ms_cycle *cyc = ms_calloc((size_t)k + 1, sizeof *cyc);
    for (uint32_t i = 0; i < k; i++) {
        renum[order[i]] = i + 1;
        cyc[i + 1].objects = t[order[i]].objects;
        cyc[i + 1].bytes = t[order[i]].bytes;
    }
    free(order);
    free(t);

    /* Members grouped by cycle, each group in dump order. */
    uint32_t pos = 0;
    for (uint32_t c = 1; c <= k; c++) {
        cyc[c].first = pos;
        pos += cyc[c].objects;
        out->objects += cyc[c].objects;
        out->bytes += cyc[c].bytes;
    }
    uint32_t *members = ms_malloc(((size_t)pos + 1) * sizeof *members);
    uint32_t *fill = ms_calloc((size_t)k + 1, sizeof *fill);
    for (uint32_t v = 0; v < n; v++) {
        uint32_t c = renum[of[v]];
        of[v] = c;
        if (c)
            members[cyc[c].first + fill[c]++] = v;
    }
    free(fill);
    free(renum);
    out->of = of;
    out->count = k;
    out->cycle = cyc;
    out->members = members;
}

static int cmp_type_names(const void *pa, const void *pb, void *ctx)
{
    const ms_heap *h = ctx;
    return strcmp(ms_heap_str(h, *(const uint32_t *)pa), ms_heap_str(h, *(const uint32_t *)pb));
}

static int cmp_shape_idx(const void *pa, const void *pb, void *ctx)
{
    const ms_cycle_shape *sh = ctx;
    const ms_cycle_shape *a = &sh[*(const uint32_t *)pa], *b = &sh[*(const uint32_t *)pb];
    if (a->bytes != b->bytes)
        return a->bytes < b->bytes ? 1 : -1;
    if (a->cycles != b->cycles)
        return a->cycles < b->cycles ? 1 : -1;
    return strcmp(a->text, b->text);
}

/* Writes cycle c's shape into *buf: distinct member types by name, each
 * followed by " ×k" when it occurs k > 1 times. cnt is a zeroed counter per
 * string index, left zeroed. */
static void shape_text(const ms_heap *h, const ms_cycles *cy, uint32_t c, uint32_t *cnt,
                       uint32_t **types, size_t *tcap, char **buf, size_t *bcap)
{
    const ms_cycle *cc = &cy->cycle[c];
    size_t nt = 0;
    for (uint32_t j = 0; j < cc->objects; j++) {
        uint32_t ty = h->type[cy->members[cc->first + j]];
        if (cnt[ty]++ == 0) {
            MS_GROW(*types, *tcap, nt + 1);
            (*types)[nt++] = ty;
        }
    }
    if (nt > 1)
        qsort_r(*types, nt, sizeof **types, cmp_type_names, (void *)h);
    size_t o = 0;
    MS_GROW(*buf, *bcap, 2);
    (*buf)[o++] = '{';
    for (size_t j = 0; j < nt; j++) {
        uint32_t ty = (*types)[j];
        const char *name = ms_heap_str(h, ty);
        size_t len = ms_strpool_len(&h->strings, ty);
        MS_GROW(*buf, *bcap, o + len + 32);
        if (j) {
            memcpy(*buf + o, ", ", 2);
            o += 2;
        }
        memcpy(*buf + o, name, len);
        o += len;
        if (cnt[ty] > 1)
            o += (size_t)snprintf(*buf + o, 24, " \xc3\x97%u", cnt[ty]);
        cnt[ty] = 0;
    }
    MS_GROW(*buf, *bcap, o + 2);
    (*buf)[o++] = '}';
    (*buf)[o] = '\0';
}

void ms_cycles_classify(const ms_heap *h, const ms_domtree *dt, ms_cycles *cy)
{
    uint32_t *cnt = ms_calloc((size_t)h->strings.count + 1, sizeof *cnt);
    uint32_t *types = NULL;
    size_t tcap = 0, bcap = 0, scap = 0;
    char *buf = NULL;
    /* Shape texts interned in a pool of their own: shape i is pool string
     * i+1 (0 is the empty string, and no shape is empty). */
    ms_strpool pool;
    ms_strpool_init(&pool);
    ms_cycle_shape *shapes = NULL;
    uint32_t nshapes = 0;
    for (uint32_t c = 1; c <= cy->count; c++) {
        ms_cycle *cc = &cy->cycle[c];
        cc->reachable = dt && dt->num[cy->members[cc->first]] != 0;
        shape_text(h, cy, c, cnt, &types, &tcap, &buf, &bcap);
        uint32_t s = ms_strpool_intern(&pool, buf, strlen(buf)) - 1;
        if (s == nshapes) {
            MS_GROW(shapes, scap, (size_t)nshapes + 1);
            shapes[nshapes++] = (ms_cycle_shape){ .text = ms_strdup(buf) };
        }
        ms_cycle_shape *sh = &shapes[s];
        cc->shape = s;
        sh->cycles++;
        sh->objects += cc->objects;
        sh->bytes += cc->bytes;
        if (!cc->reachable)
            sh->garbage++;
    }
    free(cnt);
    free(types);
    free(buf);
    ms_strpool_free(&pool);
    /* Sort the shapes; a cycle finds its shape's new place through old[]. */
    uint32_t *old = ms_malloc(((size_t)nshapes + 1) * sizeof *old);
    for (uint32_t i = 0; i < nshapes; i++)
        old[i] = i;
    uint32_t *newpos = ms_malloc(((size_t)nshapes + 1) * sizeof *newpos);
    ms_cycle_shape *sorted = ms_malloc(((size_t)nshapes + 1) * sizeof *sorted);
    if (nshapes > 1)
        qsort_r(old, nshapes, sizeof *old, cmp_shape_idx, shapes);
    for (uint32_t i = 0; i < nshapes; i++) {
        sorted[i] = shapes[old[i]];
        newpos[old[i]] = i;
    }
    for (uint32_t c = 1; c <= cy->count; c++)
        cy->cycle[c].shape = newpos[cy->cycle[c].shape];
    free(old);
    free(newpos);
    free(shapes);
    cy->shapes = sorted;
    cy->nshapes = nshapes;
}

void ms_cycles_free(ms_cycles *c)
{
    for (uint32_t i = 0; i < c->nshapes; i++)
        free(c->shapes[i].text);
    free(c->shapes);
    if (!c->borrowed) {
        free(c->of);
        free(c->cycle);
        free(c->members);
    }
    memset(c, 0, sizeof *c);
}
