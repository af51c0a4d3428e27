/* where.c — where a dump's index lives, and the identity that ties an
 * index to its dump (index.h, layout.h). */
#include "layout.h"
#include "memscope/alloc.h"
#include "memscope/strpool.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool ms_index_sniff(const unsigned char *p, size_t n)
{
    return n >= 8 && memcmp(p, MS_INDEX_MAGIC, 8) == 0;
}

bool ms_index_cache_dir(char *dir, size_t n)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int k;
    if (xdg && *xdg == '/')
        k = snprintf(dir, n, "%s/memscope", xdg);
    else if (home && *home == '/')
        k = snprintf(dir, n, "%s/.cache/memscope", home);
    else
        return false;
    return k > 0 && (size_t)k < n;
}

void ms_index_places(const char *dump_path, char **beside, char **cached)
{
    size_t n = strlen(dump_path);
    *beside = ms_malloc(n + 5);
    memcpy(*beside, dump_path, n);
    memcpy(*beside + n, ".msi", 5);
    *cached = NULL;
    char dir[PATH_MAX];
    if (!ms_index_cache_dir(dir, sizeof dir))
        return;
    /* Named by the dump's absolute path, so that two dumps of one name in
     * two folders do not share an index. */
    char real[PATH_MAX];
    const char *key = realpath(dump_path, real) ? real : dump_path;
    size_t k = strlen(dir) + 32;
    *cached = ms_malloc(k);
    snprintf(*cached, k, "%s/%016llx.msi", dir,
             (unsigned long long)ms_hash_bytes(key, strlen(key)));
}

/* The samples hashed: the first and last 64 KiB and 16 blocks of 4 KiB
 * spread evenly between, enough to tell a dump rewritten in place with the
 * same size and time (a copy with cp -p) from its former self at a few
 * hundred KiB read whatever the dump's size. */
enum { EDGE_BYTES = 64 << 10, BLOCK_BYTES = 4 << 10, BLOCKS = 16 };

int ms_index_identify(const char *dump_path, ms_index_identity *out)
{
    memset(out, 0, sizeof *out);
    int fd = open(dump_path, O_RDONLY);
    if (fd < 0)
        return -1;
    int r = ms_index_identify_fd(fd, out);
    close(fd);
    return r;
}

int ms_index_identify_fd(int fd, ms_index_identity *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    out->size = (uint64_t)st.st_size;
    out->mtime_sec = st.st_mtim.tv_sec;
    out->mtime_nsec = st.st_mtim.tv_nsec;
    char *buf = ms_malloc(EDGE_BYTES);
    uint64_t h = 0x6d656d73636f7065ull;
    uint64_t at[BLOCKS + 2];
    size_t len[BLOCKS + 2];
    at[0] = 0;
    len[0] = EDGE_BYTES;
    for (int k = 1; k <= BLOCKS; k++) {
        at[k] = out->size / (BLOCKS + 1) * (uint64_t)k;
        len[k] = BLOCK_BYTES;
    }
    at[BLOCKS + 1] = out->size > EDGE_BYTES ? out->size - EDGE_BYTES : 0;
    len[BLOCKS + 1] = EDGE_BYTES;
    int r = 0;
    for (int k = 0; k < BLOCKS + 2 && !r; k++) {
        ssize_t got = pread(fd, buf, len[k], (off_t)at[k]);
        if (got < 0)
            r = -1;
        else
            h = h * 0x9e3779b97f4a7c15ull ^ ms_hash_bytes(buf, (size_t)got);
    }
    out->sample_hash = h;
    free(buf);
    return r;
}
