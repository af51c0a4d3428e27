/* domtree.c — the report of `memscope dominators`: the dominator tree in
 * preorder, largest retained first, indented in tables. */
#include "memscope/alloc.h"
#include "memscope/reports.h"

#include <stdlib.h>
#include <string.h>

/* TSV and JSON; the distance, last, on V8 input only. */
enum { DM_ID, DM_TYPE, DM_SIZE, DM_RETAINED, DM_IDOM, DM_DEPTH, DM_NAME, DM_DISTANCE, DM_NCOLS };
static const ms_column cols[DM_NCOLS] = {
    [DM_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [DM_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
    [DM_SIZE] = { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
    [DM_RETAINED] = { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
    [DM_IDOM] = { "idom", "IDOM", MS_COL_ID, "root", 0 },
    [DM_DEPTH] = { "depth", "DEPTH", MS_COL_INT, NULL, 0 },
    [DM_NAME] = { "name", "NAME", MS_COL_STR, NULL, 0 },
    [DM_DISTANCE] = { "distance", "DISTANCE", MS_COL_INT, NULL, 0 },
};

/* For tables: retained, share of the reachable heap, size, id, indented
 * object. */
enum { DT_RETAINED, DT_PERCENT, DT_SIZE, DT_ID, DT_OBJECT, DT_NCOLS };
static const ms_column table_cols[DT_NCOLS] = {
    [DT_RETAINED] = { "retained", "RETAINED", MS_COL_BYTES, NULL, 0 },
    [DT_PERCENT] = { "percent", "%", MS_COL_PERCENT, NULL, 0 },
    [DT_SIZE] = { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
    [DT_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [DT_OBJECT] = { "object", "OBJECT", MS_COL_STR, NULL, 0 },
};

/* Strings for the table's object column, kept until the table is printed. */
typedef struct strbuf {
    char **s;
    size_t n, cap;
} strbuf;

static const char *keep(strbuf *b, char *s)
{
    MS_GROW(b->s, b->cap, b->n + 1);
    b->s[b->n++] = s;
    return s;
}

static void add_row(ms_table *t, strbuf *names, const ms_heap *h, const ms_domtree *dt,
                    uint32_t num, uint32_t depth, bool table)
{
    uint32_t node = dt->vertex[num];
    uint64_t total = dt->retained[0];
    ms_cell *c = ms_table_row(t);
    if (table) {
        char title[160];
        ms_node_title(h, node, title, sizeof title, 60);
        char *s = ms_malloc(2 * (size_t)depth + strlen(title) + 1);
        memset(s, ' ', 2 * (size_t)depth);
        strcpy(s + 2 * (size_t)depth, title);
        c[DT_RETAINED].u = dt->retained[num];
        c[DT_PERCENT].d = total ? 100.0 * (double)dt->retained[num] / (double)total : 0.0;
        c[DT_SIZE].u = ms_heap_size(h, node);
        c[DT_ID].u = h->id[node];
        c[DT_OBJECT].s = keep(names, s);
    } else {
        uint32_t d = dt->idom[num];
        c[DM_ID].u = h->id[node];
        c[DM_TYPE].s = ms_heap_type_name(h, node);
        c[DM_SIZE].u = ms_heap_size(h, node);
        c[DM_RETAINED].u = dt->retained[num];
        c[DM_IDOM].none = d == 0;
        c[DM_IDOM].u = d ? h->id[dt->vertex[d]] : 0;
        c[DM_DEPTH].u = depth;
        c[DM_NAME].s = ms_heap_str(h, h->label[node]);
        c[DM_NAME].none = !*c[DM_NAME].s;
        if (h->distance) { /* none: DevTools' -5, not reached */
            c[DM_DISTANCE].none = h->distance[node] < 0;
            c[DM_DISTANCE].u = h->distance[node] < 0 ? 0 : (uint64_t)h->distance[node];
        }
    }
}

/* Adds the rows of the view v of the tree in preorder; returns how many
 * subtrees it left out. */
static uint64_t add_rows(ms_table *t, strbuf *names, const ms_heap *h, const ms_domtree *dt,
                         const ms_domtree_view *v, bool table)
{
    /* Preorder with an explicit stack of (number, next child position);
     * frame k holds the children at depth k + base. The top rows are
     * start's children, or start itself (depth 0) if it is an object. */
    size_t c1 = (size_t)dt->count + 2;
    uint32_t *snum = ms_malloc(c1 * sizeof *snum);
    uint32_t *spos = ms_malloc(c1 * sizeof *spos);
    size_t sp = 0;
    uint64_t hidden = 0;
    uint32_t base = v->start ? 1 : 0;
    if (v->start)
        add_row(t, names, h, dt, v->start, 0, table);
    snum[sp] = v->start;
    spos[sp++] = dt->kid_off[v->start];
    while (sp) {
        uint32_t i = snum[sp - 1], k = spos[sp - 1];
        if (k >= dt->kid_off[i + 1]) {
            sp--;
            continue;
        }
        spos[sp - 1] = k + 1;
        uint32_t c = dt->kids[k];
        uint32_t depth = (uint32_t)(sp - 1) + base;
        if (dt->retained[c] < v->min_retained || (v->depth && depth >= v->depth)) {
            hidden++;
            continue;
        }
        add_row(t, names, h, dt, c, depth, table);
        snum[sp] = c;
        spos[sp++] = dt->kid_off[c];
    }
    free(snum);
    free(spos);
    return hidden;
}

void ms_report_dominators(FILE *f, ms_format fmt, const ms_heap *h, const ms_roots *roots,
                          ms_domtree *dt, const ms_domtree_view *v)
{
    ms_domtree_sort_kids(dt);
    bool table = fmt == MS_FORMAT_TABLE;
    ms_table t;
    ms_table_init(&t, table ? table_cols : cols,
                  table ? DT_NCOLS : h->distance ? DM_NCOLS : DM_DISTANCE);
    strbuf names = { 0 };
    uint64_t total = dt->retained[0];
    uint64_t hidden = add_rows(&t, &names, h, dt, v, table);
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_report_begin(&w, f, h);
        ms_json_u64(&w, "roots", roots->count);
        ms_json_str(&w, "root_rule", ms_root_rule_name(roots->rule));
        ms_json_u64(&w, "reachable_objects", dt->count);
        ms_json_u64(&w, "reachable_bytes", total);
        ms_json_u64(&w, "rows", t.nrows);
        ms_json_u64(&w, "hidden", hidden);
        ms_table_json(&t, &w, "tree");
        ms_json_report_end(&w);
    } else {
        char a[64], b[64];
        fprintf(f, "Dominator tree: %s reachable objects retaining %s (roots: %s)\n",
                ms_fmt_count(dt->count, a, sizeof a), ms_fmt_bytes(total, b, sizeof b),
                ms_root_rule_text(roots->rule));
        ms_table_print(&t, f, 2);
        if (hidden)
            fprintf(f, "  (%s subtrees left out by --depth or --min-retained; --all shows every "
                       "object)\n",
                    ms_fmt_count(hidden, a, sizeof a));
    }
    for (size_t k = 0; k < names.n; k++)
        free(names.s[k]);
    free(names.s);
    ms_table_free(&t);
}
