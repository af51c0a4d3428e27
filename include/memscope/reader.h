/* reader.h — loading a dump file into a heap graph.
 *
 * ms_load sniffs the format from the first bytes (or takes the one forced
 * with --input-format) and runs that format's reader, which feeds an
 * ms_builder. Errors come back as "FILE:LINE:COL: what is wrong". */
#ifndef MEMSCOPE_READER_H
#define MEMSCOPE_READER_H

#include "memscope/common.h"
#include "memscope/heap.h"
#include "memscope/input.h"

typedef enum ms_input_format { MS_FMT_AUTO = 0, MS_FMT_NATIVE, MS_FMT_V8 } ms_input_format;

/* Where loading spent its time, in seconds (filled if opts->stats). */
typedef struct ms_load_stats {
    double parse, join, resolve;
    int threads;   /* threads that parsed */
} ms_load_stats;

typedef struct ms_load_opts {
    ms_input_format format;
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

/* Parses "auto"/"native"/"v8" into *f; returns 0, or -1 if unknown. */
int ms_input_format_parse(const char *s, ms_input_format *f);

/* The native reader (src/formats/native.c): JSON Lines, the JSON document
 * spelling and Meliae's dialect. Large JSON Lines files are parsed by two
 * threads, each half at a line boundary; on any error the file is parsed
 * again by one thread so that the error reported is the first in the file.
 * On success *out is a builder for the caller to finish. */
ms_status ms_read_native(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                         ms_error *err);
/* Byte offset of the k-th object record (0-based) of a native dump that
 * parsed successfully; for error messages about a record. */
size_t ms_native_record_offset(const ms_input *in, uint32_t k);

/* The V8 / Chrome .heapsnapshot reader (src/formats/v8.c), with DevTools'
 * semantics applied (class names, essential edges, orphans under the root,
 * shallow size redistribution). On success *out is a builder to finish. */
ms_status ms_read_v8(const ms_input *in, const ms_load_opts *opts, ms_builder **out,
                     ms_error *err);
/* True if the bytes start like a .heapsnapshot: {"snapshot" */
bool ms_v8_sniff(const unsigned char *p, size_t n);

#endif
