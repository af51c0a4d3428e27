/* outfile.c — output files written to a temporary name and renamed
 * (outfile.h). */
#include "memscope/outfile.h"
#include "memscope/alloc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ms_status ms_outfile_open(ms_outfile *o, const char *path, ms_error *err)
{
    memset(o, 0, sizeof *o);
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
    o->path = ms_strdup(path);
    return MS_OK;
}

static void release(ms_outfile *o)
{
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
    if (!bad && rename(o->tmp, o->path) != 0) {
        bad = true;
        e = errno;
    }
    if (bad) {
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
        unlink(o->tmp);
    }
    release(o);
}
