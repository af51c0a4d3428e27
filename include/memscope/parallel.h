/* parallel.h — running a few tasks on threads. The machines memscope targets
 * have 2-8 cores; the loader and the heavier passes split their work in
 * ms_parallel_tasks() parts. MEMSCOPE_THREADS=1 makes everything run on the
 * calling thread (useful for debugging and for comparing timings). */
#ifndef MEMSCOPE_PARALLEL_H
#define MEMSCOPE_PARALLEL_H

/* How many parts to split parallel work into: 2, or 1 if MEMSCOPE_THREADS=1
 * or the machine has one CPU. */
int ms_parallel_tasks(void);
/* Runs fn(ctx, i) for i in 0..n-1, i > 0 on new threads, i = 0 on the
 * caller's, and waits for all. Falls back to running them in turn if a
 * thread cannot be started. n is at most 8. */
void ms_parallel_run(int n, void (*fn)(void *ctx, int i), void *ctx);
/* Runs n distinct jobs fn(ctx, 0..n-1): like ms_parallel_run when
 * ms_parallel_tasks() allows threads, else one after another on the
 * caller's thread. */
void ms_parallel_jobs(int n, void (*fn)(void *ctx, int i), void *ctx);

#endif
