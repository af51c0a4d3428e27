/* reader.h — loading a dump file into a heap graph, and the table of
 * dump formats.
 *
 * ms_load sniffs the format from the first bytes (or takes the one forced
 * with --input-format) and runs that format's reader, which feeds an
 * ms_builder. Errors come back as "FILE:LINE:COL: what is wrong".
 *
 * Adding a format is one file under src/formats/ that defines a
 * `const ms_reader ms_reader_NAME` (its name for --input-format, a sniff,
 * the reader, and where), plus its line in readers.c's table. */
#ifndef MEMSCOPE_READER_H
#define MEMSCOPE_READER_H

#include "memscope/common.h"
#include "memscope/heap.h"
#include "memscope/input.h"

struct ms_load_opts;

/* A dump format. */
typedef struct ms_reader {
    const char *name; /* for --input-format and messages: "native", "v8" */
    /* Whether the first n bytes (at most 4096) look like this format. */
    bool (*sniff)(const unsigned char *p, size_t n);
    /* Reads the whole input into a builder for the caller to finish; on
     * failure, err holds "FILE:LINE:COL: cause" and *out is NULL. */
    ms_status (*read)(const ms_input *in, const struct ms_load_opts *opts, ms_builder **out,
                      ms_error *err);
    /* Writes "FILE:LINE:COL" of the node the reader added k-th (0-based)
     * into buf: for problems found after reading (duplicate ids). */
    void (*where)(const ms_input *in, uint32_t k, char *buf, size_t n);
    /* The reader frees big arrays just before the analyses allocate as
     * much again: the loader keeps freed big blocks in the heap for them. */
    bool keep_freed;
    /* An object keeps its id for the life of the process (V8), so dumps
     * of one process match by id alone; where ids are addresses that a new
     * object may reuse, diff matches by id and type. */
    bool stable_ids;
} ms_reader;

/* The formats in sniffing order, NULL-terminated; the last (native) takes
 * whatever the others do not claim. */
extern const ms_reader *const ms_readers[];
/* The format named name, or NULL. */
const ms_reader *ms_reader_find(const char *name);

/* Where loading spent its time, in seconds (filled if opts->stats). */
typedef struct ms_load_stats {
    double parse, join, resolve;
    int threads;   /* threads that parsed */
} ms_load_stats;

typedef struct ms_load_opts {
    const ms_reader *format; /* NULL: sniffed */
    ms_load_stats *stats;
    /* Called now and then while reading, with bytes done of total. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    /* V8: keep V8's shallow sizes instead of DevTools' redistribution. */
    bool raw_sizes;
} ms_load_opts;

/* Loads path ("-" for stdin). On success *out is a new graph (free with
 * ms_heap_free); on failure *out is NULL and err says why. */
ms_status ms_load(const char *path, const ms_load_opts *opts, ms_heap **out, ms_error *err);
/* The same from bytes in memory (the fuzz targets use it). */
ms_status ms_load_input(ms_input *in, const ms_load_opts *opts, ms_heap **out, ms_error *err);

/* Parses "auto" (*f = NULL) or a format's name into *f; returns 0, or -1
 * if unknown. */
int ms_input_format_parse(const char *s, const ms_reader **f);
/* "auto, native, ruby or v8": the names --input-format takes, in alphabetical
 * order, for usage messages. */
const char *ms_input_format_names(void);

#endif
