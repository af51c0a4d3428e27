/* object.c — the report of `memscope show`: one object with its
 * references (in dump order) and its referrers. */
#include "memscope/reports.h"

#include <inttypes.h>

/* One row per relation: the object itself, each reference, each referrer;
 * name is the edge's name, object_name the object's own name or value. */
enum { OC_RELATION, OC_ID, OC_TYPE, OC_SIZE, OC_NAME, OC_OBJECT_NAME, OC_NCOLS };
static const ms_column edge_cols[OC_NCOLS] = {
    [OC_RELATION] = { "relation", "RELATION", MS_COL_STR, NULL, 0 },
    [OC_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
    [OC_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
    [OC_SIZE] = { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
    [OC_NAME] = { "name", "EDGE", MS_COL_STR, NULL, 0 },
    [OC_OBJECT_NAME] = { "object_name", "NAME", MS_COL_STR, NULL, 48 },
};

/* A row: node, in relation rel, by the name text (kept by the table when
 * it is an element's, written into a buffer of the caller's). */
static void add(ms_table *t, const ms_heap *h, const char *rel, uint32_t node, const char *name)
{
    ms_cell *c = ms_table_row(t);
    c[OC_RELATION].s = rel;
    c[OC_ID].u = h->id[node];
    c[OC_TYPE].s = ms_heap_type_name(h, node);
    c[OC_SIZE].u = ms_heap_size(h, node);
    c[OC_NAME].s = name;
    c[OC_OBJECT_NAME].s = ms_heap_str(h, h->label[node]);
}

/* The name of reference e, for a row of t. */
static const char *edge_name(ms_table *t, const ms_heap *h, uint32_t e)
{
    char nb[MS_INDEX_NAME_MAX];
    const char *name = ms_heap_edge_name(h, e, nb);
    return name == nb ? ms_table_keep(t, nb) : name;
}

static void json_edges(ms_jsonw *w, const ms_table *t, const char *key, const char *rel)
{
    ms_json_begin_array(w, key);
    for (size_t r = 0; r < t->nrows; r++) {
        const ms_cell *c = t->cells + r * (size_t)t->ncols;
        if (c[OC_RELATION].s != rel)
            continue;
        ms_json_begin_row(w, NULL);
        ms_json_u64(w, "id", c[OC_ID].u);
        ms_json_str(w, "type", c[OC_TYPE].s);
        ms_json_u64(w, "size", c[OC_SIZE].u);
        if (*c[OC_NAME].s)
            ms_json_str(w, "name", c[OC_NAME].s);
        else
            ms_json_null(w, "name");
        if (*c[OC_OBJECT_NAME].s)
            ms_json_str(w, "object_name", c[OC_OBJECT_NAME].s);
        else
            ms_json_null(w, "object_name");
        ms_json_end_object(w);
    }
    ms_json_end_array(w);
}

static const char REL_OBJECT[] = "object", REL_REF[] = "ref", REL_WEAK[] = "weakref",
                  REL_REFERRER[] = "referrer";

void ms_report_object(FILE *f, ms_format fmt, ms_heap *h, const ms_roots *roots, uint32_t node)
{
    bool is_root = false;
    for (uint32_t i = 0; i < roots->count && !is_root; i++)
        is_root = roots->nodes[i] == node;
    ms_heap_preds(h);
    ms_table t;
    ms_table_init(&t, edge_cols, OC_NCOLS);
    add(&t, h, REL_OBJECT, node, ms_heap_str(h, h->label[node]));
    uint32_t nrefs = 0, nweak = 0, nreferrers = 0;
    for (uint32_t e = h->edge_off[node]; e < h->edge_off[node + 1]; e++) {
        bool weak = h->edge_kind[e] == MS_EDGE_WEAK;
        add(&t, h, weak ? REL_WEAK : REL_REF, h->edge_to[e], edge_name(&t, h, e));
        if (weak)
            nweak++;
        else
            nrefs++;
    }
    /* Referrers: one row per strong edge into node, with its name, by
     * source: a source's references to node are next to each other in the
     * list, so each source is scanned once. */
    for (uint32_t k = h->in_off[node]; k < h->in_off[node + 1]; k++) {
        uint32_t src = h->in_from[k];
        if (k > h->in_off[node] && h->in_from[k - 1] == src)
            continue;
        for (uint32_t e = h->edge_off[src]; e < h->edge_off[src + 1]; e++)
            if (h->edge_to[e] == node && h->edge_kind[e] != MS_EDGE_WEAK) {
                add(&t, h, REL_REFERRER, src, edge_name(&t, h, e));
                nreferrers++;
            }
    }
    uint8_t fl = h->flags[node];
    const char *label = ms_heap_str(h, h->label[node]);
    const char *label_key = (fl & MS_NODE_LABEL_IS_NAME) ? "name" : "value";
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_init(&w, f);
        ms_json_begin_object(&w, NULL);
        ms_json_u64(&w, "id", h->id[node]);
        ms_json_str(&w, "type", ms_heap_type_name(h, node));
        ms_json_u64(&w, "size", ms_heap_size(h, node));
        if (*label)
            ms_json_str(&w, label_key, label);
        if (fl & MS_NODE_HAS_LEN)
            ms_json_u64(&w, "len", h->len[node]);
        if (fl & MS_NODE_HAS_RC)
            ms_json_u64(&w, "rc", h->rc[node]);
        if (fl & MS_NODE_GC_KNOWN)
            ms_json_bool(&w, "gc", (fl & MS_NODE_GC) != 0);
        if (h->distance && h->distance[node] >= 0)
            ms_json_u64(&w, "distance", (uint64_t)h->distance[node]);
        else if (h->distance)
            ms_json_null(&w, "distance");
        const ms_location *loc = ms_heap_location(h, node);
        if (loc) {
            char at[1200];
            snprintf(at, sizeof at, "%s:%u:%u", ms_heap_str(h, loc->script), loc->line,
                     loc->column);
            ms_json_str(&w, "defined_at", at);
        }
        if (h->site && h->site[node]) {
            ms_json_begin_array(&w, "site");
            for (uint32_t s = h->site[node] - 1; s != MS_NONE; s = h->sites.parent[s])
                ms_json_str(&w, NULL, ms_heap_str(h, h->sites.frame[s]));
            ms_json_end_array(&w);
        } else if (h->site) {
            ms_json_null(&w, "site");
        }
        if (h->gen && h->gen[node])
            ms_json_u64(&w, "generation", h->gen[node] - 1);
        ms_json_bool(&w, "root", is_root);
        if (h->root_kind && h->root_kind[node])
            ms_json_str(&w, "root_kind", ms_heap_str(h, h->root_kind[node]));
        ms_json_str(&w, "root_rule", ms_root_rule_name(roots->rule));
        json_edges(&w, &t, "refs", REL_REF);
        json_edges(&w, &t, "weak", REL_WEAK);
        json_edges(&w, &t, "referrers", REL_REFERRER);
        ms_json_end_object(&w);
        ms_json_finish(&w);
    } else {
        char a[64], b[64];
        fprintf(f, "object  %" PRIu64 " (0x%" PRIx64 ")\n", h->id[node], h->id[node]);
        fputs("type    ", f);
        ms_text_str(f, ms_heap_type_name(h, node));
        fputc('\n', f);
        fprintf(f, "size    %s\n", ms_fmt_bytes(ms_heap_size(h, node), a, sizeof a));
        if (*label) {
            fprintf(f, "%-6s  ", label_key);
            ms_text_str(f, label);
            fputc('\n', f);
        }
        if (fl & MS_NODE_HAS_LEN)
            fprintf(f, "len     %s\n", ms_fmt_count(h->len[node], a, sizeof a));
        if (fl & MS_NODE_HAS_RC)
            fprintf(f, "rc      %s\n", ms_fmt_count(h->rc[node], a, sizeof a));
        if (fl & MS_NODE_GC_KNOWN)
            fprintf(f, "gc      %s\n", (fl & MS_NODE_GC) ? "tracked" : "untracked");
        if (h->distance && h->distance[node] >= 0)
            fprintf(f, "distance %" PRId32 "\n", h->distance[node]);
        else if (h->distance)
            fprintf(f, "distance none (not reached)\n");
        if (h->site && h->site[node]) {
            const char *lead = "allocated at  ";
            for (uint32_t s = h->site[node] - 1; s != MS_NONE; s = h->sites.parent[s]) {
                fputs(lead, f);
                ms_text_str(f, ms_heap_str(h, h->sites.frame[s]));
                fputc('\n', f);
                lead = "          <-  ";
            }
        } else if (h->site) {
            fputs("allocated at  unknown (no site recorded)\n", f);
        }
        if (h->gen && h->gen[node])
            fprintf(f, "generation %" PRIu32 " (GC count when allocated)\n", h->gen[node] - 1);
        const ms_location *loc = ms_heap_location(h, node);
        if (loc) {
            fputs("defined at    ", f);
            ms_text_str(f, ms_heap_str(h, loc->script));
            fprintf(f, ":%u:%u\n", loc->line, loc->column);
        }
        if (is_root && h->root_kind && h->root_kind[node]) {
            fputs("root    yes (", f);
            ms_text_str(f, ms_heap_str(h, h->root_kind[node]));
            fprintf(f, "; rule: %s)\n", ms_root_rule_text(roots->rule));
        } else {
            fprintf(f, "root    %s (rule: %s)\n", is_root ? "yes" : "no",
                    ms_root_rule_text(roots->rule));
        }
        ms_table sub;
        const char *rels[] = { REL_REF, REL_WEAK, REL_REFERRER };
        const char *heads[] = { "references", "weak references", "referrers" };
        uint32_t counts[] = { nrefs, nweak, nreferrers };
        enum { RC_EDGE, RC_ID, RC_TYPE, RC_SIZE, RC_NAME, RC_NCOLS };
        static const ms_column ref_cols[RC_NCOLS] = {
            [RC_EDGE] = { "name", "EDGE", MS_COL_STR, NULL, 0 },
            [RC_ID] = { "id", "ID", MS_COL_ID, NULL, 0 },
            [RC_TYPE] = { "type", "TYPE", MS_COL_STR, NULL, 0 },
            [RC_SIZE] = { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
            [RC_NAME] = { "object_name", "NAME", MS_COL_STR, NULL, 48 },
        };
        for (int i = 0; i < 3; i++) {
            if (i == 1 && !nweak)
                continue;
            fprintf(f, "\n%s (%s)%s\n", heads[i], ms_fmt_count(counts[i], b, sizeof b),
                    counts[i] ? ":" : "");
            if (!counts[i])
                continue;
            ms_table_init(&sub, ref_cols, RC_NCOLS);
            for (size_t r = 0; r < t.nrows; r++) {
                const ms_cell *c = t.cells + r * (size_t)t.ncols;
                if (c[OC_RELATION].s != rels[i])
                    continue;
                ms_cell *d = ms_table_row(&sub);
                d[RC_EDGE].s = c[OC_NAME].s;
                d[RC_ID] = c[OC_ID];
                d[RC_TYPE] = c[OC_TYPE];
                d[RC_SIZE] = c[OC_SIZE];
                d[RC_NAME].s = c[OC_OBJECT_NAME].s;
            }
            ms_table_print(&sub, f, 2);
            ms_table_free(&sub);
        }
    }
    ms_table_free(&t);
}
