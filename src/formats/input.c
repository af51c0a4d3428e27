/* input.c — mapping or reading a dump into memory (see input.h). */
#include "memscope/input.h"
#include "memscope/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static ms_status read_all(ms_input *in, int fd, ms_error *err)
{
    size_t cap = 1 << 20, len = 0;
    unsigned char *buf = ms_malloc(cap);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = ms_realloc_array(buf, cap, 1);
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            return ms_error_set(err, MS_ERR_IO, "%s: read error: %s", in->name, strerror(e));
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    in->data = buf;
    in->size = len;
    in->mapped = false;
    return MS_OK;
}

ms_status ms_input_open(ms_input *in, const char *path, ms_error *err)
{
    memset(in, 0, sizeof *in);
    bool is_stdin = strcmp(path, "-") == 0;
    in->name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ms_error_set(err, MS_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        if (!is_stdin)
            close(fd);
        return ms_error_set(err, MS_ERR_IO, "%s: cannot stat: %s", in->name, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        return ms_error_set(err, MS_ERR_IO, "%s: is a directory", in->name);
    }
    ms_status s = MS_OK;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            s = ms_error_set(err, MS_ERR_IO, "%s: cannot map: %s", in->name, strerror(errno));
        } else {
            madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
            in->data = p;
            in->size = (size_t)st.st_size;
            in->mapped = true;
        }
    } else {
        s = read_all(in, fd, err);
    }
    if (!is_stdin)
        close(fd);
    return s;
}

void ms_input_close(ms_input *in)
{
    if (in->mapped)
        munmap((void *)in->data, in->size);
    else
        free((void *)in->data);
    in->data = NULL;
    in->size = 0;
}

void ms_input_release(const ms_input *in, size_t from, size_t to)
{
    if (!in->mapped)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    from = (from + page - 1) & ~(page - 1);
    to &= ~(page - 1);
    if (to > from)
        madvise((void *)(in->data + from), to - from, MADV_DONTNEED);
}

void ms_input_where(const ms_input *in, size_t off, char *buf, size_t bufsize)
{
    if (off > in->size)
        off = in->size;
    size_t line = 1, line_start = 0;
    const unsigned char *p = in->data, *end = in->data + off;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        line++;
        p = nl + 1;
        line_start = (size_t)(p - in->data);
    }
    snprintf(buf, bufsize, "%s:%zu:%zu", in->name, line, off - line_start + 1);
}
