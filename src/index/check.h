/* check.h — checking an index file's bytes before use (check.c), for
 * open.c. */
#ifndef MEMSCOPE_INDEX_CHECK_H
#define MEMSCOPE_INDEX_CHECK_H

#include "layout.h"

#include <stddef.h>

/* An index file being opened: its map and header (a copy), and where a
 * failure is told. */
typedef struct ms_ix {
    const char *path;
    const unsigned char *base;
    size_t size;
    const ms_index_header *x;
    ms_error *err;
} ms_ix;

/* Array a in the map, or NULL if absent. An empty array may lie at the
 * file's very end, one past the map: it points at the map's start, never
 * read, so that ms_heap_release knows it for the map's and frees nothing. */
const void *ms_ix_array(const ms_ix *c, int a);

/* The header, and each array inside the file: MS_OK, or MS_ERR_INPUT
 * with c->err naming the index and what is wrong. Reads the header only. */
ms_status ms_ix_check_layout(ms_ix *c);

/* What every array holds (after ms_ix_check_layout): MS_OK or
 * MS_ERR_INPUT as above. Reads the whole file, giving its pages back as
 * it goes. */
ms_status ms_ix_check_arrays(ms_ix *c);

#endif
