/* index.h — index files: a dump's graph, strings and dominator tree written
 * once in a form that is mapped back into memory, so that every later
 * command on the dump opens it instead of parsing (docs/index.md).
 *
 * An index is a file of its own, never the dump: "DUMP.msi" beside the
 * dump, or in the cache folder ($XDG_CACHE_HOME/memscope, else
 * ~/.cache/memscope) when the dump's folder cannot be written. It belongs
 * to its dump by the dump's size, modification time and a hash of 18
 * samples of its content; a stale one is never used. An index is input
 * like a dump: ms_index_open checks every array before the graph is first
 * used (exit 3 on anything out of place, never a read outside the map). */
#ifndef MEMSCOPE_INDEX_H
#define MEMSCOPE_INDEX_H

#include "memscope/analysis.h"
#include "memscope/heap.h"

#include <stdbool.h>

/* Dumps at least this big get their index written by the first command
 * that reads them (unless --no-index). */
#define MS_INDEX_AUTO_MIN ((uint64_t)256 << 20)

/* Whether the first n bytes are an index file's. */
bool ms_index_sniff(const unsigned char *p, size_t n);

/* The two places an index of dump_path may live: beside it ("DUMP.msi")
 * and in the cache folder (NULL without $HOME or $XDG_CACHE_HOME). Both
 * malloc'd, the caller frees. */
void ms_index_places(const char *dump_path, char **beside, char **cached);

/* Writes the index of h, read from dump_path, into out_path (a temporary
 * file renamed when complete). Computes the roots, the dominator tree and
 * the referrer lists if h has none yet and keeps them in h (h->cache,
 * h->pred_*), so that the caller's analyses reuse them. Returns MS_OK, or
 * MS_ERR_IO / MS_ERR_INPUT (the dump changed or vanished) with err set. */
ms_status ms_index_write(ms_heap *h, const char *dump_path, const char *out_path,
                         ms_error *err);

/* Opens the index at index_path. With dump_path, the index must be that
 * dump's, as it is now: else MS_ERR_NOTFOUND ("stale"), and the caller
 * parses the dump. Without, it is taken as it is (an index given as DUMP).
 * On MS_OK, *out is a graph whose arrays lie in the mapped file, with its
 * roots and dominator tree in h->cache; its source is source (copied).
 * Errors: MS_ERR_IO (cannot open or map), MS_ERR_INPUT (not an index, of
 * another version or byte order, truncated or inconsistent: err says
 * which array and why), MS_ERR_NOTFOUND (stale). The arrays are checked
 * once per index file: *checked_before (if not NULL) says whether this
 * open skipped them because the file passed them before, unchanged. */
ms_status ms_index_open(const char *index_path, const char *dump_path, const char *source,
                        ms_heap **out, bool *checked_before, ms_error *err);

#endif
