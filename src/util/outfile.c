/* outfile.c — output files written to a temporary name and renamed
 * (outfile.h); devices, pipes and /proc's links written in place. */
#include "memscope/outfile.h"
#include "memscope/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files open now, removed if memory runs out (ms_oom ends
 * the process without returning to anyone who could abort them). */
enum { MAX_PENDING = 4 };
static char *pending[MAX_PENDING];

static void remove_pending(void)
{
    for (int k = 0; k < MAX_PENDING; k++)
        if (pending[k])
            unlink(pending[k]);
}

static void track(char *tmp, char *old)
{
    for (int k = 0; k < MAX_PENDING; k++)
        if (pending[k] == old) {
            pending[k] = tmp;
            return;
        }
}

/* True when path names something a rename must not replace: an existing
 * file that is not a regular one (a terminal, a pipe, /dev/null), or a
 * name inside /dev or /proc (/dev/stdout is a link to /proc/self/fd/1,
 * which names a regular file when standard output is redirected to one). */
static bool write_in_place(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return true;
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash || (size_t)(slash - path) >= sizeof dir)
        return false;
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = 0;
    if (!realpath(slash == path ? "/" : dir, real))
        return false;
    return !strcmp(real, "/dev") || !strncmp(real, "/dev/", 5) || !strcmp(real, "/proc") ||
           !strncmp(real, "/proc/", 6);
}

static ms_status open_in_place(ms_outfile *o, const char *path, ms_error *err)
{
    int fd = open(path, O_WRONLY | O_APPEND); /* after what a >> redirect holds */
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return ms_error_set(err, MS_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    o->path = ms_strdup(path);
    return MS_OK;
}

ms_status ms_outfile_open(ms_outfile *o, const char *path, ms_error *err)
{
    ms_on_oom(remove_pending);
    memset(o, 0, sizeof *o);
    if (write_in_place(path))
        return open_in_place(o, path, err);
    /* A link to a regular file stays a link: the file it names is replaced. */
    char target[PATH_MAX];
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && realpath(path, target))
        path = target;
    size_t n = strlen(path);
    char *tmp = ms_malloc(n + 8);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return ms_error_set(err, MS_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "wb"))) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return ms_error_set(err, MS_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    o->tmp = tmp;
    track(tmp, NULL);
    o->path = ms_strdup(path);
    return MS_OK;
}

static void release(ms_outfile *o)
{
    track(NULL, o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

ms_status ms_outfile_commit(ms_outfile *o, ms_error *err)
{
    ms_status st = MS_OK;
    bool bad = fflush(o->f) != 0 || ferror(o->f);
    int e = errno;
    if (fclose(o->f) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (!bad && o->tmp && rename(o->tmp, o->path) != 0) {
        bad = true;
        e = errno;
    }
    if (bad) {
        if (o->tmp)
            unlink(o->tmp);
        st = ms_error_set(err, MS_ERR_IO, "%s: write error: %s", o->path, strerror(e));
    }
    release(o);
    return st;
}

void ms_outfile_abort(ms_outfile *o)
{
    if (o->f) {
        fclose(o->f);
        if (o->tmp)
            unlink(o->tmp);
    }
    release(o);
}

int ms_outfile_make_parents(const char *path)
{
    char *p = ms_strdup(path);
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}
