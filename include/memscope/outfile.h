/* outfile.h — writing an output file safely: into a temporary file beside
 * it, renamed over the final name only once everything is written, so a
 * failed or interrupted run never leaves a half-written file behind. */
#ifndef MEMSCOPE_OUTFILE_H
#define MEMSCOPE_OUTFILE_H

#include "memscope/common.h"

#include <stdio.h>

typedef struct ms_outfile {
    FILE *f;      /* write here */
    char *tmp;    /* the temporary name (owned); NULL when written in place */
    char *path;   /* the final name (owned) */
} ms_outfile;

/* Creates "PATH.XXXXXX" beside path (mode 0666 less the umask); when path
 * is a link to a regular file, beside the file it names, so the link
 * stays. Devices, pipes and names in /dev or /proc (/dev/stdout, /dev/null)
 * are opened and written in place instead. Returns MS_OK, or MS_ERR_IO
 * with err naming path and the cause. */
ms_status ms_outfile_open(ms_outfile *o, const char *path, ms_error *err);
/* Flushes, closes and renames the file to its final name. Returns MS_OK,
 * or MS_ERR_IO (the temporary file is removed). Frees o's names either way. */
ms_status ms_outfile_commit(ms_outfile *o, ms_error *err);
/* Creates the folders of path's parent that are missing, as mkdir -p
 * does. Returns 0, or -1 with errno set. */
int ms_outfile_make_parents(const char *path);
/* Closes and removes the temporary file (a file written in place stays as
 * written); frees o's names. */
void ms_outfile_abort(ms_outfile *o);

#endif
