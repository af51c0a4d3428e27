/* input.c — mapping or reading a dump into memory, and decompressing gzip
 * data (zlib) into a buffer (see input.h). */
#include "memscope/input.h"
#include "memscope/alloc.h"

#define ZLIB_CONST
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

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

bool ms_input_is_gzip(const ms_input *in)
{
    return in->size >= 2 && in->data[0] == 0x1f && in->data[1] == 0x8b;
}

/* zlib's own state through the checked allocator: out of memory exits. */
static void *z_alloc(void *opaque, unsigned items, unsigned size)
{
    (void)opaque;
    return ms_realloc_array(NULL, items, size);
}

static void z_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

/* The decompressed buffer's first capacity: the last member's ISIZE (the
 * uncompressed size mod 2^32: exact for one member under 4 GiB, else too
 * small, and a hostile file may lie), no more than deflate's largest
 * ratio (1032:1) allows, and at least 64 KiB. Too small, the buffer
 * doubles; too big, it is cut to size at the end, its pages never
 * touched. */
static size_t size_hint(const ms_input *in)
{
    size_t hint = 0;
    if (in->size >= 20) {
        const unsigned char *t = in->data + in->size - 4;
        hint = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
    }
    size_t most = in->size > SIZE_MAX / 1032 ? SIZE_MAX : in->size * 1032;
    if (hint > most)
        hint = most;
    return hint < (64u << 10) ? (64u << 10) : hint;
}

/* zlib's message for a data error, in the words of gzip's format. */
static const char *z_cause(const z_stream *z)
{
    if (!z->msg)
        return "corrupt data";
    if (strcmp(z->msg, "incorrect data check") == 0)
        return "CRC-32 mismatch";
    if (strcmp(z->msg, "incorrect length check") == 0)
        return "length mismatch";
    return z->msg;
}

/* Whether bytes [from, size) of in are all zero (padding after the last
 * member, which gzip ignores too). */
static bool zeros_from(const ms_input *in, size_t from)
{
    for (size_t k = from; k < in->size; k++)
        if (in->data[k])
            return false;
    return true;
}

/* Output per call to inflate: the progress shown, and how often. */
enum { GZ_STEP = 64 << 20 };

ms_status ms_input_gunzip(const ms_input *in, ms_input *out,
                          void (*progress)(void *ctx, uint64_t done, uint64_t total),
                          void *progress_ctx, ms_error *err)
{
    memset(out, 0, sizeof *out);
    z_stream z = { .zalloc = z_alloc, .zfree = z_free };
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return ms_error_set(err, MS_ERR_INTERNAL, "%s: gzip: zlib %s will not start", in->name,
                            zlibVersion());
    size_t cap = size_hint(in), len = 0, pos = 0, released = 0;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *buf = ms_malloc(cap);
    const char *cause = NULL;
    for (;;) {
        if (len == cap) {
            if (cap > SIZE_MAX / 2)
                ms_oom(SIZE_MAX);
            cap *= 2;
            buf = ms_realloc_array(buf, cap, 1);
        }
        size_t in_step = in->size - pos < UINT_MAX ? in->size - pos : UINT_MAX;
        size_t out_step = cap - len < GZ_STEP ? cap - len : GZ_STEP;
        z.next_in = in->data + pos;
        z.avail_in = (unsigned)in_step;
        z.next_out = buf + len;
        z.avail_out = (unsigned)out_step;
        int r = inflate(&z, Z_NO_FLUSH);
        pos += in_step - z.avail_in;
        len += out_step - z.avail_out;
        if (pos - released >= (16u << 20)) {
            ms_input_release(in, released, pos);
            released = pos & ~(page - 1);
        }
        if (progress)
            progress(progress_ctx, pos, in->size);
        if (r == Z_STREAM_END) {
            /* The end of a member: the next one, padding, or garbage. */
            if (zeros_from(in, pos))
                break;
            if (in->size - pos < 2 || in->data[pos] != 0x1f || in->data[pos + 1] != 0x8b) {
                cause = "trailing garbage";
                break;
            }
            inflateReset(&z);
            continue;
        }
        if (r != Z_OK && r != Z_BUF_ERROR) {
            cause = z_cause(&z);
            break;
        }
        /* Room left and no end: the input ran out (or inflate could go no
         * further, which it does not with input and room left). */
        if (z.avail_out > 0 && (pos == in->size || r == Z_BUF_ERROR)) {
            cause = pos == in->size ? "unexpected end of data" : z_cause(&z);
            break;
        }
    }
    inflateEnd(&z);
    if (cause) {
        free(buf);
        return ms_error_set(err, MS_ERR_INPUT,
                            "%s: gzip: %s at compressed byte %zu (%zu bytes decompressed)",
                            in->name, cause, pos, len);
    }
    if (cap > len + page)
        buf = ms_realloc_array(buf, len ? len : 1, 1);
    out->name = in->name;
    out->data = buf;
    out->size = len;
    out->mapped = false;
    return MS_OK;
}
