/* jsonl.h — the JSON Lines driver the native and Ruby readers share.
 *
 * A file of one record per line is read by one thread or, when it is big
 * (8 MiB or more) and threads are allowed, by two: the first takes the
 * lines up to the first newline past the middle of what follows the head,
 * the second the rest, each into a builder of its own; the second's
 * objects are then appended to the first's (the reader's join). In JSON
 * Lines a raw newline only ends a record; should a part fail anyway (an
 * error, or a record spread over lines), or the join, the whole file is
 * read again by one thread, so that the error told is the first in the
 * file, at the same place and in the same words as with one thread.
 *
 * A reader hands over its per-record parser and a state per part that
 * begins with an ms_jsonl_part (the scanner, the builder); the driver owns
 * the split, the threads, the re-read, progress and the load statistics. */
#ifndef MEMSCOPE_JSONL_H
#define MEMSCOPE_JSONL_H

#include "jscan.h"
#include "memscope/heap.h"
#include "memscope/reader.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the driver keeps for a part of the file: the first member of a
 * reader's part state. */
typedef struct ms_jsonl_part {
    jscan s;                  /* over the part's bytes: failures are told in
                               * the reader's error, or in err while two
                               * threads read */
    const ms_input *in;
    const ms_load_opts *opts;
    ms_builder *b;            /* the part's objects */
    ms_error err;
    bool whole;               /* set by head: the first value held every
                               * record (a JSON document): no split */
    const unsigned char *next_progress;
    size_t released;          /* input bytes before this were given back */
    double progress_scale;    /* the file's size / the part's, for progress;
                               * 0: the part reports none */
} ms_jsonl_part;

/* A reader's side of the driver. */
typedef struct ms_jsonl_reader {
    size_t part_size;         /* bytes of the reader's part state */
    /* A record's usual size in bytes, and its usual references: a builder
     * makes room for its bytes' worth of records. */
    size_t record_bytes;
    uint32_t refs_per_record;
    /* Sets up the reader's own fields of part p (the ms_jsonl_part is set
     * and the rest zeroed); first is part 0 when p is part 1, else NULL. */
    void (*init)(ms_jsonl_part *p, const ms_jsonl_part *first);
    /* Optional: reads what comes before the records at the start of the
     * file (a header), on part 0 only. 0, or -1 with the failure told. */
    int (*head)(ms_jsonl_part *p);
    /* Reads the record at the scanner (not white space, not the end).
     * 0, or -1 with the failure told. */
    int (*record)(ms_jsonl_part *p);
    /* Appends part 1's objects after part 0's (ms_builder_append, which
     * takes p1->b over, even on failure, plus the reader's own state). */
    ms_status (*join)(ms_jsonl_part *p0, ms_jsonl_part *p1, ms_error *err);
    /* Frees the reader's own fields of a part (not the builder). */
    void (*done)(ms_jsonl_part *p);
} ms_jsonl_reader;

/* Reads in into parts (an array of two part states of rd->part_size bytes
 * each, the caller's). Returns MS_OK with part 0 holding every object (its
 * builder p->b and the reader's fields; the caller finishes, and frees
 * them with rd->done), or the status of err's message "FILE:LINE:COL:
 * what", nothing kept. Fills opts->stats' threads and join. */
ms_status ms_jsonl_read(const ms_jsonl_reader *rd, void *parts, const ms_input *in,
                        const ms_load_opts *opts, ms_error *err);

/* Reports progress and gives back the input pages read so far. */
void ms_jsonl_progress(ms_jsonl_part *p);
/* ms_jsonl_progress every 16 MiB of input: for a reader reading records
 * outside the driver's loop (a document's "objects"). */
static inline void ms_jsonl_tick(ms_jsonl_part *p)
{
    if (p->s.p >= p->next_progress)
        ms_jsonl_progress(p);
}

/* The byte offset of the k-th (0-based) record from s's position on: the
 * top-level values, or with in_array the elements of the array s is in;
 * values for which is_record (optional) says false are not counted. For a
 * reader's where (reader.h). */
size_t ms_jsonl_record_offset(jscan *s, uint32_t k, bool in_array,
                              bool (*is_record)(const jscan *s));

#endif
