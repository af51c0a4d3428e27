/* parallel.c — a minimal fork-join helper over pthreads (see parallel.h). */
#include "memscope/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ms_parallel_tasks(void)
{
    const char *env = getenv("MEMSCOPE_THREADS");
    if (env && strcmp(env, "1") == 0)
        return 1;
    return sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
}

typedef struct task {
    void (*fn)(void *ctx, int i);
    void *ctx;
    int i;
} task;

static void *run_task(void *arg)
{
    task *t = arg;
    t->fn(t->ctx, t->i);
    return NULL;
}

void ms_parallel_run(int n, void (*fn)(void *ctx, int i), void *ctx)
{
    enum { MAX = 8 };
    if (n > MAX)
        n = MAX;
    task tasks[MAX];
    pthread_t tid[MAX];
    int started[MAX] = { 0 };
    for (int i = 1; i < n; i++) {
        tasks[i] = (task){ fn, ctx, i };
        started[i] = pthread_create(&tid[i], NULL, run_task, &tasks[i]) == 0;
    }
    if (n > 0)
        fn(ctx, 0);
    for (int i = 1; i < n; i++) {
        if (started[i])
            pthread_join(tid[i], NULL);
        else
            fn(ctx, i);
    }
}

void ms_parallel_jobs(int n, void (*fn)(void *ctx, int i), void *ctx)
{
    if (ms_parallel_tasks() > 1) {
        ms_parallel_run(n, fn, ctx);
        return;
    }
    for (int i = 0; i < n; i++)
        fn(ctx, i);
}
