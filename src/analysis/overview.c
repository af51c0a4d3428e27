/* overview.c — the pipelines of `analyze` (and report's page) and of
 * `path` (pipeline.h): the analyses, findings and sites in one call, and
 * the path from a root to the nearest of some objects. */
#include "memscope/pipeline.h"

#include "memscope/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

long ms_peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

void ms_overview_build(ms_heap *h, ms_type_sort sort, uint32_t top, double threshold,
                       ms_overview *out)
{
    memset(out, 0, sizeof *out);
    double t0 = ms_now();
    ms_analysis_run(h, MS_RUN_DOMINATORS | MS_RUN_CYCLES | MS_RUN_TYPES, &out->an);
    double t1 = ms_now();
    out->t_analyses = t1 - t0;
    out->rss_analyses = ms_peak_rss_kib();
    ms_findings_run(h, &out->an, sort, top, threshold, &out->fi);
    out->t_findings = ms_now() - t1;
    ms_sites_group(h, &out->an.dom, 1, false, MS_SORT_RETAINED, &out->st);
}

void ms_overview_free(ms_overview *x)
{
    ms_site_table_free(&x->st);
    ms_findings_free(&x->fi);
    ms_analysis_free(&x->an);
}

uint32_t ms_roots_tracked_refs(const ms_heap *h, uint32_t v)
{
    uint32_t from = 0;
    for (uint32_t i = 0; i < h->n; i++)
        if (ms_node_tracked(h, i) != 0)
            for (uint32_t e = h->edge_off[i]; e < h->edge_off[i + 1]; e++)
                from += h->edge_kind[e] != MS_EDGE_WEAK && h->edge_to[e] == v;
    return from;
}

uint32_t ms_path_find(const ms_heap *h, const ms_roots *roots, const uint32_t *targets,
                      uint32_t ntargets, uint32_t **path)
{
    const uint32_t *parent = ms_bfs_parents_shared(h, roots, targets, ntargets);
    uint32_t len = 0;
    *path = NULL;
    uint32_t k = ms_path_nearest(parent, h->n, targets, ntargets);
    if (k != MS_NONE)
        len = ms_path_from_parents(parent, targets[k], path);
    ms_bfs_parents_release(h, parent);
    return len;
}
