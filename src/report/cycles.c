/* cycles.c — the report of `memscope cycles`: one row per reference cycle,
 * or one per member with --members. */
#include "memscope/reports.h"

static const ms_column cycle_cols[] = {
    { "cycle", "CYCLE", MS_COL_INT, NULL, 0 },
    { "size", "OBJECTS", MS_COL_COUNT, NULL, 0 },
    { "bytes", "BYTES", MS_COL_BYTES, NULL, 0 },
    { "status", "STATUS", MS_COL_STR, NULL, 0 },
    { "shape", "SHAPE", MS_COL_STR, NULL, 80 },
};

static const ms_column member_cols[] = {
    { "cycle", "CYCLE", MS_COL_INT, NULL, 0 },
    { "id", "ID", MS_COL_ID, NULL, 0 },
    { "type", "TYPE", MS_COL_STR, NULL, 0 },
    { "size", "SIZE", MS_COL_BYTES, NULL, 0 },
};

void ms_report_cycles(FILE *f, ms_format fmt, const ms_heap *h, const ms_cycles *cy,
                      bool members, uint32_t min_size)
{
    ms_table t;
    ms_table_init(&t, members ? member_cols : cycle_cols, members ? 4 : 5);
    uint64_t shown = 0, garbage = 0;
    for (uint32_t c = 1; c <= cy->count; c++) {
        const ms_cycle *cc = &cy->cycle[c];
        if (cc->objects < min_size)
            continue;
        shown++;
        if (!cc->reachable)
            garbage++;
        if (members) {
            for (uint32_t j = 0; j < cc->objects; j++) {
                uint32_t v = cy->members[cc->first + j];
                ms_cell *r = ms_table_row(&t);
                r[0].u = c;
                r[1].u = h->id[v];
                r[2].s = ms_heap_type_name(h, v);
                r[3].u = ms_heap_size(h, v);
            }
        } else {
            ms_cell *r = ms_table_row(&t);
            r[0].u = c;
            r[1].u = cc->objects;
            r[2].u = cc->bytes;
            r[3].s = cc->reachable ? "reachable" : "garbage";
            r[4].s = cy->shapes[cc->shape].text;
        }
    }
    if (fmt == MS_FORMAT_TSV) {
        ms_table_tsv(&t, f);
    } else if (fmt == MS_FORMAT_JSON) {
        ms_jsonw w;
        ms_json_report_begin(&w, f, h);
        ms_json_u64(&w, "count", cy->count);
        ms_json_u64(&w, "objects", cy->objects);
        ms_json_u64(&w, "bytes", cy->bytes);
        ms_json_u64(&w, "shown", shown);
        ms_table_json(&t, &w, members ? "members" : "cycles");
        ms_json_report_end(&w);
    } else {
        char a[64], b[64], c[64];
        fprintf(f, "%s cycles: %s objects, %s", ms_fmt_count(cy->count, a, sizeof a),
                ms_fmt_count(cy->objects, b, sizeof b), ms_fmt_bytes(cy->bytes, c, sizeof c));
        if (shown < cy->count)
            fprintf(f, " (%s of at least %u objects shown)", ms_fmt_count(shown, a, sizeof a),
                    min_size);
        fprintf(f, "; %s shown are garbage\n", ms_fmt_count(garbage, a, sizeof a));
        if (t.nrows)
            ms_table_print(&t, f, 2);
    }
    ms_table_free(&t);
}
