/* diff_run.c — the pipeline of `diff` (pipeline.h): each dump's histogram
 * by type or by site, then the identity rule, matching, the types that
 * changed, the grown objects and, with three dumps, the leaks.
 *
 * Identity: by id where the reader says ids are stable across dumps (V8),
 * by id and type elsewhere (an address may come back as a new object); by
 * type only when fewer than one in ten of the smaller dump's objects share
 * an id and a type (dumps of different processes, or a runtime that
 * renumbers). */
#include "memscope/pipeline.h"

#include "memscope/alloc.h"
#include "memscope/baseline.h"
#include "memscope/series.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Each object's innermost allocation frame, as a string of h's pool, for
 * grouping by site; "(no site)" for objects without one. */
static uint32_t *site_keys(ms_heap *h)
{
    uint32_t none = ms_strpool_intern(&h->strings, "(no site)", 9);
    uint32_t *key = ms_malloc(((size_t)h->n + 1) * sizeof *key);
    for (uint32_t v = 0; v < h->n; v++)
        key[v] = h->site && h->site[v] ? h->sites.frame[h->site[v] - 1] : none;
    return key;
}

void ms_diff_dump_build(ms_diff_dump *d, bool by_site)
{
    const uint32_t *key = d->h->type;
    if (by_site)
        key = d->site_key = site_keys(d->h);
    d->types = ms_key_histogram(d->h, key, MS_SORT_BYTES, &d->ntypes);
    ms_key_retained(d->h, key, &d->an.dom, d->types, d->ntypes, MS_SORT_BYTES);
    d->side = (ms_diff_side){ d->h, &d->an.dom, d->types, d->ntypes, key };
}

void ms_diff_dump_free(ms_diff_dump *d)
{
    if (!d->h)
        return;
    free(d->types);
    free(d->site_key);
    ms_analysis_free(&d->an);
    ms_heap_free(d->h);
    memset(d, 0, sizeof *d);
}

double ms_diff_meta_pid(const ms_heap *h)
{
    cJSON *m = h->meta_json ? cJSON_Parse(h->meta_json) : NULL;
    cJSON *p = cJSON_GetObjectItemCaseSensitive(m, "pid");
    double pid = cJSON_IsNumber(p) ? p->valuedouble : -1;
    cJSON_Delete(m);
    return pid;
}

/* Matches AFTER (b) to BEFORE (a) and decides the identity. */
static void match_dumps(const ms_diff_opts *o, ms_diff *diff, ms_diff_dump *a, ms_diff_dump *b,
                        uint32_t *match, uint8_t *same, ms_diff_run_info *info)
{
    diff->identity = o->stable_ids ? MS_IDENTITY_ID : MS_IDENTITY_ID_TYPE;
    diff->matched = ms_diff_match(a->h, b->h, !o->stable_ids, match, same);
    uint64_t both = 0, smaller = a->h->n < b->h->n ? a->h->n : b->h->n;
    for (uint32_t j = 0; j < b->h->n; j++)
        both += match[j] != MS_NONE && same[j];
    info->shared = both;
    info->smaller = smaller;
    if (smaller && both * 10 < smaller) {
        info->aggregate = true;
        diff->identity = MS_IDENTITY_AGGREGATE;
    }
}

/* The leaks of BEFORE, AFTER (b, matched to BEFORE by match_ab) and FINAL
 * (c) into diff. */
static void find_leaks(const ms_diff_opts *o, ms_diff *diff, ms_diff_dump *b, ms_diff_dump *c,
                       const uint32_t *match_ab)
{
    uint32_t *match_bc = ms_malloc(((size_t)c->h->n + 1) * sizeof *match_bc);
    ms_diff_match(b->h, c->h, diff->identity == MS_IDENTITY_ID_TYPE, match_bc, NULL);
    ms_leak_input in = { .after = &b->side, .final = &c->side, .after_old = match_ab,
                         .final_in_after = match_bc, .roots = &c->an.roots, .all = o->all_leaks };
    ms_diff_leaks_find(diff, &in);
    ms_diff_leaks_describe(diff, &c->side);
    ms_diff_leaks_sign(diff, c->h, o->baseline);
    free(match_bc);
}

/* The growth over all n dumps into *s: each dump matched to the one
 * before it (by the identity diff chose), then ms_series_run; the
 * collections the baseline lists marked known. */
static void run_series(ms_diff_dump *d, int n, const ms_diff_opts *o, const ms_diff *diff,
                       ms_series *s)
{
    ms_diff_side *side = ms_malloc((size_t)n * sizeof *side);
    uint32_t **back = NULL;
    for (int k = 0; k < n; k++)
        side[k] = d[k].side;
    if (diff->identity != MS_IDENTITY_AGGREGATE) {
        back = ms_malloc((size_t)n * sizeof *back);
        for (int k = 0; k + 1 < n; k++) {
            back[k] = ms_malloc(((size_t)d[k + 1].h->n + 1) * sizeof **back);
            ms_diff_match(d[k].h, d[k + 1].h, diff->identity == MS_IDENTITY_ID_TYPE, back[k],
                          NULL);
        }
    }
    ms_series_input in = { .side = side, .n = (uint32_t)n,
                           .back = (const uint32_t *const *)back, .roots = &d[n - 1].an.roots };
    ms_series_run(&in, s);
    const ms_heap *last = d[n - 1].h;
    for (uint32_t c = 0; c < s->ncoll; c++)
        s->coll[c].known = ms_baseline_has(o->baseline, "collection",
                                           ms_heap_type_name(last, s->coll[c].node),
                                           s->coll[c].signature);
    for (int k = 0; back && k + 1 < n; k++)
        free(back[k]);
    free(back);
    free(side);
}

void ms_diff_run(ms_diff_dump *all, int n, const ms_diff_opts *o, ms_diff *out,
                 ms_series *series, ms_diff_run_info *info)
{
    memset(info, 0, sizeof *info);
    /* Before, after and final: the first, the last but one, the last. */
    ms_diff_dump d[3] = { all[0], all[n > 2 ? n - 2 : 1], all[n - 1] };
    ms_diff diff;
    ms_diff_init(&diff);
    uint32_t *match = ms_malloc(((size_t)d[1].h->n + 1) * sizeof *match);
    uint8_t *same = ms_malloc((size_t)d[1].h->n + 1);
    double t0 = ms_now();
    match_dumps(o, &diff, &d[0], &d[1], match, same, info);
    double t1 = ms_now();
    ms_diff_types(&diff, &d[0].side, &d[1].side, match, same);
    ms_diff_sort_rows(&diff, o->sort);
    double t2 = ms_now(), t3 = t2, t4 = t2;
    if (diff.identity != MS_IDENTITY_AGGREGATE) {
        ms_diff_grown_find(&diff, &d[0].side, &d[1].side, match, o->top, &d[1].an.roots);
        t3 = t4 = ms_now();
        if (n >= 3) {
            find_leaks(o, &diff, &d[1], &d[2], match);
            t4 = ms_now();
        }
    }
    double t5 = ms_now();
    if (n >= 3 && series)
        run_series(all, n, o, &diff, series);
    info->t_series = ms_now() - t5;
    info->t_match = t1 - t0;
    info->t_types = t2 - t1;
    info->t_grown = t3 - t2;
    info->t_leaks = t4 - t3;
    free(match);
    free(same);
    *out = diff;
}
