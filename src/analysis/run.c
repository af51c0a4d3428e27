/* run.c — running the graph analyses together, the two heavy ones on two
 * threads (see analysis.h). */
#include "memscope/alloc.h"
#include "memscope/analysis.h"
#include "memscope/parallel.h"

#include <stdlib.h>
#include <string.h>

typedef struct job {
    ms_heap *h;
    ms_analysis *a;
    unsigned what;
} job;

static void run_part(void *ctx, int i)
{
    job *j = ctx;
    double t0 = ms_now();
    if (i == 0 && (j->what & (MS_RUN_DOMINATORS | MS_RUN_REACHABLE))) {
        if (j->what & MS_RUN_DOMINATORS)
            ms_dominators(j->h, &j->a->roots, &j->a->dom);
        else
            ms_reachable(j->h, &j->a->roots, &j->a->dom);
        j->a->t_dominators = ms_now() - t0;
    } else if (i == 1) {
        if (j->what & MS_RUN_CYCLES) {
            ms_cycles_find(j->h, &j->a->cycles);
            j->a->t_cycles = ms_now() - t0;
        }
        if (j->what & MS_RUN_TYPES)
            j->a->types = ms_type_histogram(j->h, MS_SORT_BYTES, &j->a->ntypes);
    }
}

void ms_analysis_run(ms_heap *h, unsigned what, ms_analysis *a)
{
    memset(a, 0, sizeof *a);
    double t0 = ms_now();
    job j = { h, a, what };
    if (h->cache && (what & MS_RUN_DOMINATORS)) {
        /* Kept with the graph (an index): only the cycles are left. */
        a->roots = h->cache->roots;
        a->dom = h->cache->dom;
        a->cached = true;
        j.what &= ~(unsigned)(MS_RUN_DOMINATORS | MS_RUN_REACHABLE);
    } else {
        ms_roots_find(h, &a->roots);
    }
    if (h->cache && (what & MS_RUN_CYCLES)) {
        /* Found once with the graph: classified for this run only. */
        a->cycles = h->cache->cycles;
        a->cycles.shapes = NULL;
        a->cycles.nshapes = 0;
        a->cycles.borrowed = true;
        j.what &= ~(unsigned)MS_RUN_CYCLES;
    }
    a->t_roots = ms_now() - t0;
    /* Both only read the graph: they may share it. */
    ms_parallel_jobs(2, run_part, &j);
    /* Their working arrays, freed (on two threads, in two arenas): the
     * findings, also on two threads, take theirs there. */
    ms_give_back();
    if ((what & MS_RUN_CYCLES) && !(what & MS_RUN_MEMBERSHIP)) {
        t0 = ms_now();
        ms_cycles_classify(h, (what & (MS_RUN_DOMINATORS | MS_RUN_REACHABLE)) ? &a->dom : NULL,
                           &a->cycles);
        a->t_classify = ms_now() - t0;
    }
}

void ms_analysis_free(ms_analysis *a)
{
    free(a->types);
    if (!a->cached) {
        ms_roots_free(&a->roots);
        ms_domtree_free(&a->dom);
    }
    ms_cycles_free(&a->cycles);
}

typedef struct fjob {
    const ms_heap *h;
    const ms_analysis *a;
    ms_type_sort sort;
    uint32_t top;
    double threshold;
    ms_findings *out;
    uint64_t *type_retained; /* by type string index */
} fjob;

/* The reachable baseline's count and bytes, and its largest object. */
static void baseline_count(const ms_heap *h, const ms_domtree *dt, ms_findings *f)
{
    f->baseline_largest = MS_NONE;
    if (!h->role)
        return;
    f->has_baseline = true;
    uint64_t largest = 0;
    for (uint32_t i = 1; i <= dt->count; i++) {
        uint32_t v = dt->vertex[i];
        if (!(h->role[v] & MS_ROLE_BASELINE))
            continue;
        uint64_t b = ms_heap_size(h, v);
        f->baseline_objects++;
        f->baseline_bytes += b;
        if (b > largest) {
            largest = b;
            f->baseline_largest = v;
        }
    }
}

/* Part 0 the type retained sizes (a walk of the dominator tree: 1.9 s on
 * 100M objects); part 1 the histogram, whose rows they go into afterwards
 * (0.7 s there, unless MS_RUN_TYPES took it beside the dominator pass),
 * and the rest (1.5 s). */
static void findings_part(void *ctx, int i)
{
    fjob *j = ctx;
    ms_findings *f = j->out;
    if (i == 0) {
        j->type_retained = ms_key_retained_by_key(j->h, j->h->type, &j->a->dom);
        return;
    }
    if (j->a->types) {
        f->ntypes = j->a->ntypes;
        f->types = ms_malloc(((size_t)f->ntypes + 1) * sizeof *f->types);
        memcpy(f->types, j->a->types, (size_t)f->ntypes * sizeof *f->types);
    } else {
        f->types = ms_type_histogram(j->h, j->sort, &f->ntypes);
    }
    f->retainers = ms_top_retainers(j->h, &j->a->dom, j->top, &f->nretainers);
    f->suspects = ms_suspects_find(j->h, &j->a->dom, j->threshold, &f->nsuspects);
    ms_suspects_sites(j->h, &j->a->dom, f->suspects, f->nsuspects);
    ms_suspects_describe(j->h, &j->a->dom, f->suspects, f->nsuspects);
    ms_detached_find(j->h, &j->a->dom, &f->detached);
    uint32_t nt = 0, *targets =
        ms_malloc(((size_t)f->nsuspects + f->detached.nholders + 1) * sizeof *targets);
    for (uint32_t k = 0; k < f->nsuspects; k++)
        targets[nt++] = f->suspects[k].node;
    for (uint32_t k = 0; k < f->detached.nholders; k++)
        if (f->detached.holders[k].node != MS_NONE)
            targets[nt++] = f->detached.holders[k].node;
    if (nt) {
        f->parent = ms_bfs_parents_shared(j->h, &j->a->roots, targets, nt);
        f->parent_shared = j->h->cache && f->parent == j->h->cache->parent;
    }
    ms_suspects_name(j->h, f->parent, f->suspects, f->nsuspects);
    free(targets);
    ms_garbage_count(j->h, &j->a->dom, &j->a->cycles, &f->garbage);
    baseline_count(j->h, &j->a->dom, f);
}

void ms_findings_run(const ms_heap *h, const ms_analysis *a, ms_type_sort sort, uint32_t top,
                     double threshold, ms_findings *out)
{
    memset(out, 0, sizeof *out);
    fjob j = { h, a, sort, top, threshold, out, NULL };
    ms_parallel_jobs(2, findings_part, &j);
    ms_rows_set_retained(h, out->types, out->ntypes, j.type_retained, sort);
    free(j.type_retained);
}

void ms_findings_free(ms_findings *f)
{
    free(f->types);
    free(f->retainers);
    free(f->suspects);
    ms_detached_free(&f->detached);
    if (!f->parent_shared)
        free((void *)f->parent);
    memset(f, 0, sizeof *f);
}
