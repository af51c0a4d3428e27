/* run.c — running the graph analyses together, the two heavy ones on two
 * threads (see analysis.h). */
#include "memscope/analysis.h"
#include "memscope/parallel.h"

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
    if (i == 0 && (j->what & MS_RUN_DOMINATORS)) {
        ms_dominators(j->h, &j->a->roots, &j->a->dom);
        j->a->t_dominators = ms_now() - t0;
    } else if (i == 1 && (j->what & MS_RUN_CYCLES)) {
        ms_cycles_find(j->h, &j->a->cycles);
        j->a->t_cycles = ms_now() - t0;
    }
}

void ms_analysis_run(ms_heap *h, unsigned what, ms_analysis *a)
{
    memset(a, 0, sizeof *a);
    double t0 = ms_now();
    ms_roots_find(h, &a->roots);
    a->t_roots = ms_now() - t0;
    job j = { h, a, what };
    /* ms_dominators writes the graph's predecessor arrays, which the cycle
     * search never reads: the two may share the graph. */
    if (ms_parallel_tasks() > 1) {
        ms_parallel_run(2, run_part, &j);
    } else {
        run_part(&j, 0);
        run_part(&j, 1);
    }
    if (what & MS_RUN_CYCLES) {
        t0 = ms_now();
        ms_cycles_classify(h, (what & MS_RUN_DOMINATORS) ? &a->dom : NULL, &a->cycles);
        a->t_classify = ms_now() - t0;
    }
}

void ms_analysis_free(ms_analysis *a)
{
    ms_roots_free(&a->roots);
    ms_domtree_free(&a->dom);
    ms_cycles_free(&a->cycles);
}
