/* input.h — a dump file's bytes in memory, and positions within it.
 *
 * Regular files are mapped read-only (the file is never modified); pipes
 * and terminals are read whole into a buffer. Readers scan the bytes from
 * start to end and may hand back what they have consumed with
 * ms_input_release so that a 2 GB dump does not stay resident.
 *
 * gzip-compressed bytes (recognised by their magic, whatever the name) are
 * decompressed whole into one buffer by ms_input_gunzip: the uncompressed
 * size stays in memory while the dump is read. */
#ifndef MEMSCOPE_INPUT_H
#define MEMSCOPE_INPUT_H

#include "memscope/common.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ms_input {
    const char *name;            /* as shown in messages: the path, or "<stdin>" */
    const unsigned char *data;   /* size bytes */
    size_t size;
    bool mapped;
} ms_input;

/* Opens path ("-" is standard input). On failure fills err ("FILE: cause",
 * MS_ERR_IO) and returns it. Close with ms_input_close. */
ms_status ms_input_open(ms_input *in, const char *path, ms_error *err);
void ms_input_close(ms_input *in);
/* Tells the kernel bytes [from, to) will not be read again soon, so their
 * pages leave this process's resident set. Safe from several threads on
 * disjoint ranges. */
void ms_input_release(const ms_input *in, size_t from, size_t to);
/* Writes "NAME:LINE:COL" for byte offset off (1-based line and byte column)
 * into buf. */
void ms_input_where(const ms_input *in, size_t off, char *buf, size_t bufsize);

/* Whether in's bytes start with gzip's magic (1f 8b). */
bool ms_input_is_gzip(const ms_input *in);
/* Decompresses in, gzip data of one or more members (as `cat a.gz b.gz`
 * makes; zero bytes after the last are ignored), into out: a buffer under
 * in's name, so that positions in messages are lines of the decompressed
 * text. in is left open (its mapped pages are given back as they are read)
 * and out is closed with ms_input_close. progress, if not NULL, gets the
 * compressed bytes read and their total now and then. Corrupt, truncated
 * or trailing data fails with MS_ERR_INPUT ("FILE: gzip: CAUSE at
 * compressed byte N (M bytes decompressed)"); no cap but memory: running
 * out exits through ms_oom (alloc.h). */
ms_status ms_input_gunzip(const ms_input *in, ms_input *out,
                          void (*progress)(void *ctx, uint64_t done, uint64_t total),
                          void *progress_ctx, ms_error *err);

#endif
