/* jsonl.c — the JSON Lines driver: one or two threads over a file of
 * records, the re-read on failure, progress, and the k-th record walker
 * (see jsonl.h). */
#include "jsonl.h"
#include "memscope/alloc.h"
#include "memscope/parallel.h"

#include <string.h>

#define PARALLEL_MIN (8u << 20) /* smaller files are not worth a thread */
#define PROGRESS_STEP (16u << 20)

static ms_jsonl_part *part_at(const ms_jsonl_reader *rd, void *parts, int i)
{
    return (ms_jsonl_part *)(void *)((char *)parts + (size_t)i * rd->part_size);
}

/* Sets part p up to read input bytes [start, end) into a new builder with
 * room for `bytes` of records, failures told in err. */
static void part_init(const ms_jsonl_reader *rd, ms_jsonl_part *p, const ms_jsonl_part *first,
                      const ms_input *in, const ms_load_opts *opts, size_t start, size_t end,
                      size_t bytes, ms_error *err)
{
    memset(p, 0, rd->part_size);
    js_init(&p->s, in, err);
    p->s.p = in->data + start;
    p->s.end = in->data + end;
    p->in = in;
    p->opts = opts;
    p->b = ms_builder_new();
    size_t records = bytes / rd->record_bytes;
    ms_builder_reserve(p->b, records, (uint64_t)records * rd->refs_per_record);
    p->released = start;
    p->next_progress = p->s.p + PROGRESS_STEP;
    rd->init(p, first);
}

/* Frees all of a part: the reader's fields, the scanner, the builder. */
static void part_free(const ms_jsonl_reader *rd, ms_jsonl_part *p)
{
    rd->done(p);
    js_free(&p->s);
    ms_builder_free(p->b);
    p->b = NULL;
}

void ms_jsonl_progress(ms_jsonl_part *p)
{
    size_t done = (size_t)(p->s.p - p->s.base);
    if (done > (1u << 20) + p->released) {
        ms_input_release(p->in, p->released, done - (1u << 20));
        p->released = done - (1u << 20);
    }
    if (p->opts && p->opts->progress && p->progress_scale > 0) {
        double est = (double)done * p->progress_scale;
        uint64_t total = p->in->size;
        p->opts->progress(p->opts->progress_ctx, est < (double)total ? (uint64_t)est : total,
                          total);
    }
    p->next_progress = p->s.p + PROGRESS_STEP;
}

/* Reads records up to the end of the part's range: 0 or -1. */
static int read_records(const ms_jsonl_reader *rd, ms_jsonl_part *p)
{
    while (js_peek(&p->s) >= 0) {
        if (rd->record(p))
            return -1;
        ms_jsonl_tick(p);
    }
    return 0;
}

typedef struct records_job {
    const ms_jsonl_reader *rd;
    ms_jsonl_part *part[2];
    int rc[2];
} records_job;

static void records_task(void *ctx, int i)
{
    records_job *j = ctx;
    j->rc[i] = read_records(j->rd, j->part[i]);
}

/* The two-thread read. Returns 0 with everything in parts' part 0, or -1
 * with nothing kept when the file is not to be split (the head was the
 * whole file, or no newline follows the middle) or anything failed: the
 * caller then reads with one thread. */
static int read_parallel(const ms_jsonl_reader *rd, void *parts, const ms_input *in,
                         const ms_load_opts *opts)
{
    ms_jsonl_part *p0 = part_at(rd, parts, 0), *p1 = part_at(rd, parts, 1);
    part_init(rd, p0, NULL, in, opts, 0, in->size, in->size, &p0->err);
    if ((rd->head && rd->head(p0)) || p0->whole) {
        part_free(rd, p0);
        return -1;
    }
    /* Split what follows the head at the first newline after its middle. */
    size_t pos = (size_t)(p0->s.p - in->data);
    size_t mid = pos + (in->size - pos) / 2;
    const unsigned char *nl = memchr(in->data + mid, '\n', in->size - mid);
    if (!nl) {
        part_free(rd, p0);
        return -1;
    }
    size_t split = (size_t)(nl + 1 - in->data);
    part_init(rd, p1, p0, in, opts, split, in->size, in->size - split, &p1->err);
    p0->s.end = in->data + split;
    p0->progress_scale = (double)in->size / (double)split;
    records_job job = { rd, { p0, p1 }, { 0, 0 } };
    ms_parallel_run(2, records_task, &job);
    ms_status st = MS_ERR_INPUT;
    double t0 = ms_now();
    if (job.rc[0] == 0 && job.rc[1] == 0) {
        ms_error err;
        st = rd->join(p0, p1, &err);
        p1->b = NULL;
    }
    part_free(rd, p1);
    if (st != MS_OK) {
        part_free(rd, p0);
        return -1;
    }
    js_free(&p0->s);
    if (opts && opts->stats) {
        opts->stats->join = ms_now() - t0;
        opts->stats->threads = 2;
    }
    return 0;
}

ms_status ms_jsonl_read(const ms_jsonl_reader *rd, void *parts, const ms_input *in,
                        const ms_load_opts *opts, ms_error *err)
{
    if (in->size >= PARALLEL_MIN && ms_parallel_tasks() >= 2 &&
        read_parallel(rd, parts, in, opts) == 0)
        return MS_OK;
    if (opts && opts->stats) {
        opts->stats->join = 0;
        opts->stats->threads = 1;
    }
    ms_jsonl_part *p = part_at(rd, parts, 0);
    part_init(rd, p, NULL, in, opts, 0, in->size, in->size, err);
    p->progress_scale = 1.0;
    int rc = rd->head ? rd->head(p) : 0;
    if (!rc)
        rc = read_records(rd, p);
    if (rc) {
        ms_status st = js_status(&p->s);
        part_free(rd, p);
        return st;
    }
    js_free(&p->s);
    return MS_OK;
}

size_t ms_jsonl_record_offset(jscan *s, uint32_t k, bool in_array,
                              bool (*is_record)(const jscan *s))
{
    for (uint32_t i = 0; js_peek(s) >= 0;) {
        if ((!is_record || is_record(s)) && i++ == k)
            break;
        if (js_skip(s, NULL, NULL))
            break;
        if (in_array && js_next(s, ']', "") <= 0)
            break;
    }
    js_peek(s);
    return (size_t)(s->p - s->base);
}
