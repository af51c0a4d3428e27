/* trust.c — which index files were checked whole already (layout.h), so
 * that opening one again skips the checks and costs what the question
 * reads, not the index's size.
 *
 * An index that passed every check of open.c, or that this memscope just
 * wrote, gets a record in the cache folder ($XDG_CACHE_HOME/memscope/
 * checked/, else ~/.cache/memscope/checked/), named by the file's device
 * and inode and holding its size, modification and change times and a
 * hash of its header and of 18 samples of its content. Opening an index
 * whose record matches all of these skips the array checks; anything else
 * checks it whole. The change time (ctime) is the one no program sets:
 * the kernel moves it on every write, truncation, rename or chmod, so an
 * index edited after its check, copied or replaced no longer matches.
 *
 * A check races a write of the same tick of the file system's clock, as
 * git's racily clean index entries do; so a record is written only for a
 * file whose change time is two seconds older than the check's start, and
 * only when it did not change during the check (the writer's record, made
 * right after its rename, is the exception: nothing else writes an index
 * in place). Records are a cache: losing them costs one full check. */
#include "layout.h"
#include "memscope/alloc.h"
#include "memscope/outfile.h"
#include "memscope/strpool.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RECORD_MAGIC "MSCHECK1"

typedef struct record {
    char magic[8];
    uint64_t dev, ino, size;
    int64_t mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
    uint64_t content_hash;
} record;

/* The record file's name for the file fstat'ed as st, into path[n];
 * false without a cache folder. */
static bool record_path(const struct stat *st, char *path, size_t n)
{
    char dir[PATH_MAX];
    if (!ms_index_cache_dir(dir, sizeof dir))
        return false;
    uint64_t key[2] = { (uint64_t)st->st_dev, (uint64_t)st->st_ino };
    int k = snprintf(path, n, "%s/checked/%016llx", dir,
                     (unsigned long long)ms_hash_bytes(key, sizeof key));
    return k > 0 && (size_t)k < n;
}

/* What a record says of the file open as fd, fstat'ed as st. */
static bool describe(int fd, const struct stat *st, record *r)
{
    memset(r, 0, sizeof *r);
    memcpy(r->magic, RECORD_MAGIC, 8);
    r->dev = (uint64_t)st->st_dev;
    r->ino = (uint64_t)st->st_ino;
    r->size = (uint64_t)st->st_size;
    r->mtime_sec = st->st_mtim.tv_sec;
    r->mtime_nsec = st->st_mtim.tv_nsec;
    r->ctime_sec = st->st_ctim.tv_sec;
    r->ctime_nsec = st->st_ctim.tv_nsec;
    ms_index_identity id;
    if (ms_index_identify_fd(fd, &id) != 0)
        return false;
    unsigned char head[MS_INDEX_HEADER_SIZE] = { 0 };
    if (pread(fd, head, sizeof head, 0) < 0)
        return false;
    r->content_hash = id.sample_hash ^ ms_hash_bytes(head, sizeof head);
    return true;
}

bool ms_index_checked_before(int fd)
{
    struct stat st;
    char path[PATH_MAX + 64];
    record want, have;
    if (fstat(fd, &st) != 0 || !record_path(&st, path, sizeof path))
        return false;
    int rfd = open(path, O_RDONLY);
    if (rfd < 0)
        return false;
    ssize_t got = read(rfd, &have, sizeof have);
    close(rfd);
    return got == (ssize_t)sizeof have && describe(fd, &st, &want) &&
           memcmp(&want, &have, sizeof want) == 0;
}

void ms_index_record_checked(int fd, int64_t started, bool just_written)
{
    struct stat st;
    char path[PATH_MAX + 64];
    record r;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !record_path(&st, path, sizeof path))
        return;
    if (!just_written && st.st_ctim.tv_sec + 2 > started)
        return;
    if (!describe(fd, &st, &r))
        return;
    ms_outfile out;
    ms_error err = { 0 };
    if (ms_outfile_make_parents(path) != 0 || ms_outfile_open(&out, path, &err) != MS_OK)
        return;
    fwrite(&r, sizeof r, 1, out.f);
    ms_outfile_commit(&out, &err);
}
